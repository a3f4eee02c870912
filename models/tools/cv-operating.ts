// How the cross-validation (cv-segments.ts) picks an operating point from the counts at each threshold
// of a validation timeline. Pure, so the rule has its own test.

export interface Row {
  enter: number;
  falseBroadcast: number;
  /** Judged broadcast non-penalty minutes of the timeline. */
  bcMin: number;
  per10: number;
  kicks: number;
  found: number;
  recall: number;
}

/** The rates of a row from its counts: false highlights per 10 broadcast minutes, and recall. */
export function withRates(c: Omit<Row, "per10" | "recall">): Row {
  return {
    ...c,
    per10: c.bcMin > 0 ? c.falseBroadcast / (c.bcMin / 10) : 0,
    recall: c.kicks ? c.found / c.kicks : 1,
  };
}

/** The rule 1.2.0 used on its val split: among the thresholds with ≤ budget false highlights per 10 min,
 * those with the best recall, the middle one; if none meets the budget, the highest threshold. */
export function choose<R extends Row>(rows: R[], budget: number) {
  const feasible = rows.filter((r) => r.per10 <= budget);
  const pool = feasible.length ? feasible : [rows[rows.length - 1]!];
  const best = Math.max(...pool.map((r) => r.recall));
  const atBest = pool.filter((r) => r.recall === best);
  return { chosen: atBest[Math.floor(atBest.length / 2)]!, atBest, feasible: feasible.length > 0 };
}

/** Several timelines' rows summed threshold by threshold (every table on the same grid). */
export function pooled<R extends Row>(tables: R[][]): R[] {
  return tables[0]!.map((r, i) => {
    const rs = tables.map((t) => t[i]!);
    const sum = (f: (x: R) => number) => rs.reduce((n, x) => n + f(x), 0);
    const bcMin = sum((x) => x.bcMin);
    const kicks = sum((x) => x.kicks);
    const found = sum((x) => x.found);
    const falseBroadcast = sum((x) => x.falseBroadcast);
    return { ...r, ...withRates({ enter: r.enter, falseBroadcast, bcMin, kicks, found }) };
  });
}

/** The tables fold `k` may pool: every fold's validation rows except fold k-1's, whose validation
 * matches are fold k's judged ones (fold j validates on fold j+1). */
export function poolableFor<R>(tables: R[][], k: number): R[][] {
  const K = tables.length;
  return tables.filter((_, j) => j !== (k + K - 1) % K);
}
