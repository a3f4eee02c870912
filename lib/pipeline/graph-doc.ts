import { graph, jobNames, nodeOf, queueOf, type EntryPoint, type JobName } from "./graph";

// The job-graph block of docs/architecture.md, rendered from the graph (`npm run docs` writes it, the
// static test stage checks it is current), so the docs cannot drift from what the producers enforce.

export const BEGIN =
  "<!-- job-graph:begin (generated from lib/pipeline/graph.ts by `npm run docs`; do not edit) -->";
export const END = "<!-- job-graph:end -->";

function entries(): Map<EntryPoint, JobName[]> {
  const out = new Map<EntryPoint, JobName[]>();
  for (const name of jobNames) {
    for (const entry of nodeOf(name).entry as readonly EntryPoint[])
      out.set(entry, [...(out.get(entry) ?? []), name]);
  }
  return out;
}

function edges(): string {
  const rows: [string, string][] = [];
  for (const [entry, jobs] of entries()) rows.push([entry, jobs.join(", ")]);
  for (const name of jobNames) {
    const next = graph[name].next as readonly JobName[];
    rows.push([name, next.length === 0 ? "(nothing)" : next.join(", ")]);
  }
  const width = Math.max(...rows.map(([from]) => from.length));
  return rows.map(([from, to]) => `${from.padEnd(width)} ─► ${to}`).join("\n");
}

function table(): string {
  const lines = [
    "| job | queue | tries (first backoff) | started from | enqueues | video progress |",
    "|---|---|---|---|---|---|",
  ];
  for (const name of jobNames) {
    const n = nodeOf(name);
    const code = (xs: readonly string[]) => (xs.length === 0 ? "—" : xs.map((x) => `\`${x}\``).join(", "));
    lines.push(
      `| \`${name}\` | \`${queueOf(name)}\` | ${n.retry.attempts} (${n.retry.backoffMs / 1000} s) | ` +
        `${n.entry.length === 0 ? "—" : n.entry.join(", ")} | ${code(n.next)} | ${n.videoProgress ? "yes" : "no"} |`,
    );
  }
  return lines.join("\n");
}

/** The block, markers included: the edges (entry points first, then each job) and a table per job. */
export function renderJobGraph(): string {
  return [BEGIN, "", "```", edges(), "```", "", table(), "", END].join("\n");
}

/** `doc` with its job-graph block replaced by the current one; throws if the markers are missing. */
export function withJobGraph(doc: string): string {
  const from = doc.indexOf(BEGIN);
  const to = doc.indexOf(END);
  if (from < 0 || to < from)
    throw new Error(`the job-graph markers are missing: put ${BEGIN} … ${END} in the file`);
  return doc.slice(0, from) + renderJobGraph() + doc.slice(to + END.length);
}
