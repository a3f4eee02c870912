import { childLogger } from "@/lib/platform/logger";
import { queueFor } from "../queue";
import { idsIn } from "./correlate";
import { boundedRedis } from "../queue/bounded";
import { safeJobId } from "../queue/options";
import { stage, type OutboxClient } from "./outbox";
import { graph, nodeOf, type EntryOf, type EntryPoint, type JobName, type JobPayload } from "./graph";

export interface EnqueueExtra {
  /** Part of the job id for work that may be asked for again (graph.ts `id`). */
  nonce?: string;
  /** Run no earlier than this many ms from now (the live follow loop's pacing). */
  delayMs?: number;
}

/**
 * Starts work from outside a job (a web request, the editor): only at a job whose graph node lists
 * `from` as an entry. Typed so that an undeclared entry does not compile, and checked at run time too.
 * The job is written to the outbox through `client`: pass the transaction that makes the state change
 * the job acts on, so both commit or neither does; then call `dispatchSoon()` after the commit
 * (lib/pipeline/outbox.ts). BullMQ gets it from there, however long Redis is away.
 */
export function startJob<N extends JobName>(
  client: OutboxClient,
  from: EntryOf<N> & EntryPoint,
  name: N,
  payload: JobPayload<N>,
  extra: EnqueueExtra = {},
): Promise<void> {
  if (!(nodeOf(name).entry as readonly string[]).includes(from)) {
    throw new Error(`job graph: "${name}" is not started by "${from}"`);
  }
  const jobId = jobIdOf(name, payload, extra.nonce);
  // The first line of a video's story in the logs: what the request started, under the ids it carries.
  childLogger({ ...idsIn(payload), entry: from, job: name, jobId }).info("job staged");
  return stage(client, { name, jobId, payload, delayMs: extra.delayMs });
}

/** One job a finished job returned as its `next` (worker/jobs/types.ts): a graph edge from it. */
export interface NextEntry {
  job: JobName;
  data: unknown;
  /** Run no earlier than this many ms from now (the janitor's next slot, the live follow loop). */
  delayMs?: number;
  /** Jobs that run first; this one once all of them are done (analyze's chunks and their finaliser). */
  children?: readonly { job: JobName; data: unknown }[];
}

/**
 * The runtime's half of "handlers return what follows" (worker/runtime-next.ts): each entry is checked
 * against the graph and written to the outbox through `client`, the transaction that records the job's
 * outcome, so the state change and its follow-ups commit together. `dispatchSoon()` after the commit.
 */
export async function stageNext(
  client: OutboxClient,
  from: JobName,
  next: readonly NextEntry[],
): Promise<void> {
  for (const n of next) for (const to of [n, ...(n.children ?? [])]) assertEdge(from, to.job);
  for (const n of next) {
    const payload = n.data as JobPayload<JobName>;
    const children = n.children?.map((c) => {
      const data = c.data as JobPayload<JobName>;
      return { name: c.job, jobId: jobIdOf(c.job, data), payload: data };
    });
    await stage(client, {
      name: n.job,
      jobId: jobIdOf(n.job, payload),
      payload,
      delayMs: n.delayMs,
      ...(children ? { children } : {}),
    });
  }
}

/** The deterministic id graph.ts gives this job (before BullMQ's ':' → '_' substitution). */
export function jobIdOf<N extends JobName>(name: N, payload: JobPayload<N>, nonce?: string): string {
  return nodeOf(name).id(payload, nonce);
}

/**
 * The queued job with this payload's id, if BullMQ still has it (e.g. to promote a delayed one). Routes
 * call it: 503 within REQUEST_REDIS_MS when Redis does not answer.
 */
export function queuedJob<N extends JobName>(name: N, payload: JobPayload<N>) {
  return boundedRedis(`Looking up the ${name} job`, () =>
    queueFor(name).getJob(safeJobId(jobIdOf(name, payload))),
  );
}

function assertEdge(from: JobName, to: JobName): void {
  if (!(graph[from].next as readonly string[]).includes(to)) {
    throw new Error(`job graph: "${from}" does not enqueue "${to}"`);
  }
}
