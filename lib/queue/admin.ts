import type { Job } from "bullmq";
import { notFound, conflict } from "@/lib/platform/errors";
import {
  jobStates,
  queueNames,
  type TJobState,
  type TQueueCounts,
  type TQueueJobDto,
  type TQueuesDto,
} from "../schemas/queues";
import { CPU_QUEUE, INTERACTIVE_QUEUE, queueOf, type JobName } from "../pipeline/graph";
import { boundedRedis } from "./bounded";
import { namedQueue, queueFor } from "./producer";

// What the operators' page and /api/metrics read: BullMQ's own bookkeeping in Redis, so it is the same
// whichever web process asks and however many workers run. Everything is per job kind: a light kind
// has its own queue, the heavy kinds share the CPU queue or the editors' lane and are told apart by the
// job's name there.

const STACK_LINES = 4;

// The pooled queues (the CPU queue and the editors' lane) hold several kinds each.
const POOLS = [CPU_QUEUE, INTERACTIVE_QUEUE] as const;
const pooled = queueNames.filter((k) => queueOf(k) !== k);
const isPooled = (kind: JobName) => queueOf(kind) !== kind;

/** The pooled queues' jobs in these states, by kind (`perState`: at most that many per state and pool). */
async function pooledJobs(states: readonly TJobState[], perState?: number): Promise<Map<JobName, Job[]>> {
  const byKind = new Map<JobName, Job[]>(pooled.map((k) => [k, []]));
  const lists = await Promise.all(
    POOLS.flatMap((pool) =>
      states.map((s) => namedQueue(pool).getJobs([s], 0, perState ? perState - 1 : -1)),
    ),
  );
  for (const job of lists.flat()) if (job) byKind.get(job.name as JobName)?.push(job);
  return byKind;
}

async function pooledCounts(): Promise<Map<JobName, Record<TJobState, number>>> {
  const zero = () => Object.fromEntries(jobStates.map((s) => [s, 0])) as Record<TJobState, number>;
  const counts = new Map<JobName, Record<TJobState, number>>(pooled.map((k) => [k, zero()]));
  await Promise.all(
    jobStates.map(async (state) => {
      for (const [kind, jobs] of await pooledJobs([state])) counts.get(kind)![state] = jobs.length;
    }),
  );
  return counts;
}

/** Every queue's counts per state (the metrics); 503 after REQUEST_REDIS_MS when Redis does not answer. */
export const queueCounts = () => boundedRedis("The queue counts", readCounts);

async function readCounts(): Promise<TQueueCounts[]> {
  const [shared, ...poolPaused] = await Promise.all([
    pooledCounts(),
    ...POOLS.map((pool) => namedQueue(pool).isPaused()),
  ]);
  const sharedPaused = (kind: JobName) => poolPaused[POOLS.indexOf(queueOf(kind) as (typeof POOLS)[number])]!;
  return Promise.all(
    queueNames.map(async (queue) => {
      if (isPooled(queue)) return { queue, counts: shared.get(queue)!, paused: sharedPaused(queue) };
      const q = queueFor(queue);
      const [counts, paused] = await Promise.all([q.getJobCounts(...jobStates), q.isPaused()]);
      const full = Object.fromEntries(jobStates.map((s) => [s, counts[s] ?? 0])) as Record<TJobState, number>;
      return { queue, counts: full, paused };
    }),
  );
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

function toDto(queue: JobName, job: Job, state: "active" | "failed"): TQueueJobDto {
  const stack = job.stacktrace?.at(-1);
  return {
    queue,
    id: String(job.id),
    state,
    data: job.data,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    createdAt: new Date(job.timestamp).toISOString(),
    processedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
    progress: job.progress,
    failedReason: job.failedReason || null,
    stackHead: stack ? stack.split("\n").slice(0, STACK_LINES).join("\n") : null,
  };
}

/** Counts of every queue, every running job and the most recent failed jobs (newest first). */
export const queuesOverview = (failedPerQueue = 20) =>
  boundedRedis("The queue overview", () => readOverview(failedPerQueue));

async function readOverview(failedPerQueue: number): Promise<TQueuesDto> {
  const [sharedActive, sharedFailed] = await Promise.all([
    pooledJobs(["active"], 100),
    pooledJobs(["failed"], failedPerQueue * pooled.length),
  ]);
  const [queues, perQueue] = await Promise.all([
    readCounts(),
    Promise.all(
      queueNames.map(async (name) => {
        const q = queueFor(name);
        const [active, failed]: Job[][] = isPooled(name)
          ? [sharedActive.get(name)!, sharedFailed.get(name)!]
          : await Promise.all([q.getJobs(["active"], 0, 99), q.getJobs(["failed"], 0, failedPerQueue - 1)]);
        return {
          active: active.filter(Boolean).map((j) => toDto(name, j, "active")),
          failed: failed
            .filter(Boolean)
            .slice(0, failedPerQueue)
            .map((j) => toDto(name, j, "failed")),
        };
      }),
    ),
  ]);
  const newest = (a: TQueueJobDto, b: TQueueJobDto) =>
    (b.finishedAt ?? b.createdAt).localeCompare(a.finishedAt ?? a.createdAt);
  return {
    queues,
    active: perQueue.flatMap((p) => p.active).sort(newest),
    failed: perQueue.flatMap((p) => p.failed).sort(newest),
  };
}

async function jobOf(queue: JobName, jobId: string): Promise<Job> {
  const job = await queueFor(queue).getJob(jobId);
  // On a pooled queue an id of another kind is not this kind's job.
  if (!job || job.name !== queue) throw notFound("Job");
  return job;
}

/** Puts a failed job back in its queue (BullMQ keeps its data and id; attempts start again). */
export const retryJob = (queue: JobName, jobId: string) =>
  boundedRedis("Retrying a job", async () => {
    const job = await jobOf(queue, jobId);
    const state = await job.getState();
    if (state !== "failed") throw conflict(`Only a failed job can be retried (this one is ${state})`);
    await job.retry("failed");
  });

/** Removes a job that is not running (a running one holds a worker's lock; BullMQ refuses). */
export const removeJob = (queue: JobName, jobId: string) =>
  boundedRedis("Removing a job", async () => {
    const job = await jobOf(queue, jobId);
    const state = await job.getState();
    if (state === "active") throw conflict("A running job cannot be removed; wait until it ends");
    await job.remove();
  });

export interface FinishedTimes {
  queue: JobName;
  /** Seconds from added to taken by a worker, and from taken to finished, per kept completed job. */
  waits: number[];
  runs: number[];
}

/**
 * Run and wait times of the completed jobs BullMQ still keeps (removeOnComplete bounds them), read at
 * scrape time: the web process cannot see the workers' memory, and this works with any number of them.
 */
export const finishedTimes = (limit = 1000) => boundedRedis("The job times", () => readTimes(limit));

async function readTimes(limit: number): Promise<FinishedTimes[]> {
  const shared = await pooledJobs(["completed"], limit);
  return Promise.all(
    queueNames.map(async (queue) => {
      const jobs = isPooled(queue)
        ? shared.get(queue)!
        : (await queueFor(queue).getJobs(["completed"], 0, limit - 1)).filter(Boolean);
      const waits: number[] = [];
      const runs: number[] = [];
      for (const j of jobs) {
        if (j.processedOn && j.finishedOn) runs.push((j.finishedOn - j.processedOn) / 1000);
        if (j.processedOn) waits.push(Math.max(0, j.processedOn - j.timestamp) / 1000);
      }
      return { queue, waits, runs };
    }),
  );
}
