import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { nodeOf, queueOf, type JobName, type JobPayload } from "../pipeline/graph";
import { childLogger } from "@/lib/platform/logger";
import { queuePrefix, redisConnection } from "./connection";
import { closeFlows } from "./flows";
import { isRedisConnectionError, noteRedisError, redisOutage } from "./outage";
import { retryOptions, safeJobId, slotOptions } from "./options";

// A light job kind has a queue of its own (workers give it its own concurrency); the heavy kinds share
// the CPU queue (lib/pipeline/graph.ts queueOf). Job ids name their kind, so getJob works either way.
const holder = globalThis as unknown as { matchcutQueues?: Map<string, Queue>; matchcutRedis?: Redis };

/** The queue a job kind is queued on. */
export function queueFor(name: JobName): Queue {
  return namedQueue(queueOf(name));
}

export function namedQueue(queueName: string): Queue {
  holder.matchcutQueues ??= new Map();
  let q = holder.matchcutQueues.get(queueName);
  if (!q) {
    holder.matchcutRedis ??= redisConnection("producer");
    q = new Queue(queueName, { connection: holder.matchcutRedis, prefix: queuePrefix() });
    q.on("error", (err) => {
      if (isRedisConnectionError(err) || redisOutage()) noteRedisError(`queue ${queueName}`, err);
      else childLogger({ queue: queueName }).error({ err }, "queue error");
    });
    holder.matchcutQueues.set(queueName, q);
  }
  return q;
}

/** The producers' own Redis connection (fails fast while Redis is away; lib/queue/connection.ts). */
export function producerRedis(): Redis {
  holder.matchcutRedis ??= redisConnection("producer");
  return holder.matchcutRedis;
}

export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  opts: JobsOptions = {},
): Promise<string | undefined> {
  const data = nodeOf(name).schema.parse(payload);
  const jobId = opts.jobId === undefined ? undefined : safeJobId(opts.jobId);
  const job = await queueFor(name).add(name, data, {
    ...retryOptions(name),
    ...slotOptions(name, data as JobPayload<N>),
    removeOnComplete: 1000,
    removeOnFail: 5000,
    ...opts,
    jobId,
  });
  const older = nodeOf(name).supersedes?.(data) ?? [];
  if (older.length) await dropWaiting(queueFor(name), older.map(safeJobId), job.id);
  return job.id;
}

/**
 * Removes the jobs among `ids` that are still waiting (graph.ts `supersedes`). One a worker has taken
 * stays: its own checks stop it (a cut gives up once its revision is not the highlight's).
 */
async function dropWaiting(queue: Queue, ids: string[], by: string | undefined): Promise<void> {
  for (const id of ids) {
    const job = await queue.getJob(id);
    if (!job) continue;
    const state = await job.getState();
    if (state !== "waiting" && state !== "prioritized" && state !== "delayed") continue;
    // A worker may take it between the two calls: BullMQ then refuses to remove a locked job.
    const removed = await job.remove().then(
      () => true,
      () => false,
    );
    if (removed) childLogger({ queue: queue.name, jobId: id, by }).info("superseded while waiting; removed");
  }
}

/**
 * Resolves once Redis answers a PING, or rejects after `ms`. Producers fail fast on a dead connection
 * (lib/queue/connection.ts), but BullMQ's add waits for a connection that is still (re)connecting; the
 * outbox dispatcher asks this first so an outage costs it `ms`, not a hung transaction.
 */
export async function producerReachable(ms = 2_000): Promise<void> {
  holder.matchcutRedis ??= redisConnection("producer");
  const redis = holder.matchcutRedis;
  // Reconnecting means the connection was up and broke: an outage, not a start-up; no use waiting.
  if (redis.status === "reconnecting") throw new Error("Redis is not reachable (reconnecting)");
  if (redis.status !== "ready") {
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        redis.off("ready", onReady);
        reject(new Error(`Redis is not reachable (connection ${redis.status})`));
      }, ms);
      redis.once("ready", onReady);
    });
  }
  await redis.ping();
}

export async function closeQueues(): Promise<void> {
  await closeFlows();
  const queues = [...(holder.matchcutQueues?.values() ?? [])];
  await Promise.all(queues.map((q) => q.close()));
  holder.matchcutQueues?.clear();
  await holder.matchcutRedis?.quit().catch(() => undefined);
  holder.matchcutRedis = undefined;
}
