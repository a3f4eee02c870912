// Figures of `npm run bench:load`: answers and latencies per route group, and the first few errors
// of each kind word for word (an error count says nothing about its cause).

export const groups = ["library", "pages", "timeline", "highlights", "edit", "reel", "upload"] as const;
export type Group = (typeof groups)[number];

interface GroupStats {
  requests: number;
  errors: number;
  latencies: number[];
  statuses: Record<string, number>;
}

const SAMPLES_PER_KIND = 3;

export class Recorder {
  readonly by = new Map<Group, GroupStats>(
    groups.map((g) => [g, { requests: 0, errors: 0, latencies: [], statuses: {} }]),
  );
  private readonly samples = new Map<string, { count: number; lines: string[] }>();

  /** An answer (latency comes separately, from autocannon's own timing). */
  answer(group: Group, status: number, errorLine: string): void {
    const s = this.by.get(group)!;
    if (status !== 0) s.requests++;
    s.statuses[status] = (s.statuses[status] ?? 0) + 1;
    if (errorLine) this.error(group, String(status), errorLine);
  }

  latency(group: Group, ms: number): void {
    this.by.get(group)!.latencies.push(ms);
  }

  /** A request that got no answer at all (timed out, connection lost). */
  noAnswer(group: Group, what: string): void {
    const s = this.by.get(group)!;
    s.requests++;
    s.statuses["no answer"] = (s.statuses["no answer"] ?? 0) + 1;
    this.error(group, "no answer", `${what}: no answer`);
  }

  /** A request made outside autocannon (the uploads), timed by the caller. */
  timed(group: Group, ms: number, errorLine = ""): void {
    const s = this.by.get(group)!;
    s.requests++;
    if (!errorLine) s.latencies.push(ms);
    if (errorLine) this.error(group, "failed", errorLine);
  }

  private error(group: Group, kind: string, line: string): void {
    this.by.get(group)!.errors++;
    const key = `${group} ${kind}`;
    const e = this.samples.get(key) ?? { count: 0, lines: [] };
    e.count++;
    if (e.lines.length < SAMPLES_PER_KIND) e.lines.push(line);
    this.samples.set(key, e);
  }

  totals(): { requests: number; errors: number } {
    let requests = 0;
    let errors = 0;
    for (const s of this.by.values()) {
      requests += s.requests;
      errors += s.errors;
    }
    return { requests, errors };
  }

  table(): { group: Group; requests: number; errors: number; p50: number; p95: number; p99: number }[] {
    return [...this.by].map(([group, s]) => {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      return {
        group,
        requests: s.requests,
        errors: s.errors,
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
        p99: quantile(sorted, 0.99),
      };
    });
  }

  errorLines(): string[] {
    return [...this.samples].flatMap(([key, e]) => [
      `  ${key}: ${e.count}×`,
      ...e.lines.map((l) => `    e.g. ${l}`),
    ]);
  }
}

/** Nearest-rank quantile of sorted values, in ms with one decimal (NaN: no values). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return +sorted[i]!.toFixed(1);
}
