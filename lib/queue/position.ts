import type { TJobStatus } from "../schemas/job-status";
import type { JobName } from "../pipeline/graph";
import { statusOf, type QueueFacts } from "../status/queue-spot";
import { safeJobId } from "./options";
import { producerRedis, queueFor } from "./producer";

/**
 * How long a web request waits for the queue positions it shows. A status poll must answer even when
 * Redis is slow or away: past this it shows "waiting for a worker" without a position.
 */
export const POSITION_TIMEOUT_MS = 800;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function parsed(raw: unknown): unknown {
  if (typeof raw !== "string") return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * The status of each of these jobs of one kind (ids as graph.ts makes them), read straight from
 * BullMQ's keys in two round trips whatever the queue's length: the counts before a job come from
 * ZCOUNT on the prioritized set, not from listing it. A job the queue does not hold as waiting,
 * delayed or running (not dispatched yet, finished, removed) maps to null. Rejects when Redis does
 * not answer within `timeoutMs`; callers show the work as waiting without a position then.
 */
export async function jobStatuses(
  name: JobName,
  ids: string[],
  timeoutMs = POSITION_TIMEOUT_MS,
): Promise<Map<string, TJobStatus | null>> {
  if (ids.length === 0) return new Map();
  return within(read(name, ids), timeoutMs);
}

async function read(name: JobName, ids: string[]): Promise<Map<string, TJobStatus | null>> {
  const q = queueFor(name);
  const client = producerRedis();
  const k = q.keys;
  const safe = ids.map(safeJobId);
  const first = client.multi();
  first.llen(k.wait).hexists(k.meta, "paused");
  for (const id of safe) {
    first
      .lpos(k.wait, id)
      .zscore(k.prioritized, id)
      .zscore(k.delayed, id)
      .lpos(k.active, id)
      .hget(q.toKey(id), "progress");
  }
  const r = ((await first.exec()) ?? []).map(([err, v]: [Error | null, unknown]) => {
    if (err) throw err;
    return v;
  });
  const waitLength = Number(r[0]);
  const paused = Number(r[1]) === 1;
  const facts: QueueFacts[] = safe.map((_, i) => {
    const [waitIndex, prio, delayed, active, progress] = r.slice(2 + i * 5, 7 + i * 5);
    return {
      waitIndex: num(waitIndex),
      waitLength,
      prioritizedScore: num(prio),
      prioritizedBefore: 0,
      delayedScore: num(delayed),
      active: active !== null && active !== undefined,
      paused,
      progress: parsed(progress),
    };
  });
  const prioritized = facts.filter((f) => f.prioritizedScore !== null && f.waitIndex === null);
  if (prioritized.length > 0) {
    const counts = client.multi();
    for (const f of prioritized) counts.zcount(k.prioritized, "-inf", `(${f.prioritizedScore}`);
    const res = (await counts.exec()) ?? [];
    prioritized.forEach((f, i) => (f.prioritizedBefore = Number(res[i]?.[1] ?? 0)));
  }
  const now = Date.now();
  return new Map(ids.map((id, i) => [id, statusOf(facts[i]!, now)]));
}

/** The status of one job, or null (see jobStatuses). */
export async function jobStatus(name: JobName, id: string, timeoutMs?: number): Promise<TJobStatus | null> {
  return (await jobStatuses(name, [id], timeoutMs)).get(id) ?? null;
}
