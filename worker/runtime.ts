import { availableParallelism, hostname } from "node:os";
import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "@/lib/platform/env";
import { childLogger, logger } from "@/lib/platform/logger";
import { inJobContext } from "@/lib/pipeline/correlate";
import {
  CPU_QUEUE,
  INTERACTIVE_QUEUE,
  nodeOf,
  type JobName,
  type JobPayload,
  type PooledQueue,
} from "@/lib/pipeline/graph";
import { startDispatcher } from "@/lib/pipeline/outbox";
import { bestQueuedPriority, closeQueues } from "@/lib/queue";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { queuePrefix, redisConnection } from "@/lib/queue/connection";
import { isRedisConnectionError, noteRedisError, redisOutage } from "@/lib/queue/outage";
import { progressTracker, throttle } from "./progress";
import { CancelledError, PermanentError, type JobContext, type JobDefinition } from "./jobs/types";
import { LockLostError, LockWatch } from "./lock-watch";
import { committer, followUp } from "./runtime-next";
import { cpuFields, recordCpu, withCpuAccount, type CpuUsed } from "./cpu-account";

/** How often a running job checks whether it was cancelled: a deleted video's chunk stops within this. */
const CANCEL_POLL_MS = 2_000;

export interface Runtime {
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Multiplier on each light job kind's own concurrency (WORKER_CONCURRENCY). */
  concurrencyScale?: number;
  /** Heavy jobs this process runs at once (WORKER_CPU_SLOTS; unset: the cores it may use). */
  cpuSlots?: number;
  /** Editors' jobs this process runs at once beside them (WORKER_INTERACTIVE_SLOTS, 1). */
  interactiveSlots?: number;
  /** The name BullMQ records on each job this runtime takes (`processedBy`); default `host:pid`. */
  name?: string;
}

/**
 * BullMQ Workers on their own Redis connection (producers use another, see lib/queue): one per light
 * job kind, with the kind's concurrency, and one on the shared CPU queue whose concurrency is the CPU
 * budget; it runs whatever heavy kind BullMQ hands it, highest priority first (lib/pipeline/graph.ts).
 * Handlers never see bullmq: they get (data, ctx) and throw PermanentError for input that can't work.
 */
export function startRuntime(jobs: JobDefinition[], opts: RuntimeOptions = {}): Runtime {
  // Its errors go to the outage log (lib/queue/outage.ts): once, then once a minute while Redis is away.
  const connection: Redis = redisConnection("worker");
  const start = (queue: string, concurrency: number, defOf: (job: Job) => JobDefinition | undefined) => {
    const locks = new LockWatch(env().WORKER_LOCK_MS);
    const worker = new Worker(queue, (job: Job, token?: string) => dispatch(defOf(job), job, token, locks), {
      connection,
      prefix: queuePrefix(),
      concurrency,
      // BullMQ records it on each job it takes (processedBy): which process ran what (bench:scale)
      name: opts.name ?? `${hostname()}:${process.pid}`,
      // A long analysis chunk renews its lock; a crashed worker's job becomes available again after
      // this, found by the stalled-job check (BullMQ's default 30 s, sooner with a shorter lock).
      lockDuration: env().WORKER_LOCK_MS,
      stalledInterval: Math.min(30_000, env().WORKER_LOCK_MS / 2),
      // A job returned by the stalled-job check once more than this fails for good. BullMQ's 1 failed a
      // job whose worker was killed twice (a crash and a restart, two Redis outages); an input that
      // itself crashes the worker still fails, after 3 supervised restarts (issue #23).
      maxStalledCount: 3,
    });
    worker.on("error", (err) => {
      // A lost lock is handled (and logged) by the job it belongs to.
      if (/could not renew lock/.test(err.message)) return;
      if (isRedisConnectionError(err) || redisOutage()) noteRedisError(`worker ${queue}`, err);
      else childLogger({ queue }).error({ err }, "worker error");
    });
    worker.on("locksRenewed", ({ jobIds }) => locks.renewed(jobIds));
    worker.on("lockRenewalFailed", (jobIds) => locks.lost(jobIds, "Redis refused to renew its lock"));
    worker.on("failed", (job, err) => {
      const def = job && defOf(job);
      if (def) void inJobContext(def.name, job, () => finalFailure(def, job, err));
    });
    return worker;
  };
  const light = jobs.filter((def) => !nodeOf(def.name).cpu);
  const pooled = (queue: PooledQueue) =>
    new Map(
      jobs.filter((def) => nodeOf(def.name).cpu?.queue === queue).map((def) => [def.name as string, def]),
    );
  const heavy = pooled(CPU_QUEUE);
  const interactive = pooled(INTERACTIVE_QUEUE);
  const slots = opts.cpuSlots ?? env().WORKER_CPU_SLOTS ?? availableParallelism();
  const lane = opts.interactiveSlots ?? env().WORKER_INTERACTIVE_SLOTS;
  const workers = light.map((def) =>
    start(
      def.name,
      Math.max(1, Math.round(def.options.concurrency * (opts.concurrencyScale ?? 1))),
      () => def,
    ),
  );
  if (heavy.size > 0) workers.push(start(CPU_QUEUE, slots, (job) => heavy.get(job.name)));
  // Issue #25: the editors' lane beside the CPU slots (lib/pipeline/cpu.ts).
  if (interactive.size > 0) workers.push(start(INTERACTIVE_QUEUE, lane, (job) => interactive.get(job.name)));
  // Every worker also empties the outbox: jobs that routes staged while Redis was away (lib/pipeline).
  const dispatcher = startDispatcher();
  logger().info(
    { jobs: jobs.map((j) => j.name), cpuSlots: heavy.size > 0 ? slots : 0, interactiveSlots: lane },
    "worker runtime started",
  );
  for (const def of jobs) {
    def
      .warmUp?.()
      .catch((err: unknown) =>
        childLogger({ queue: def.name }).warn({ err }, "warm-up failed; the first job will do it"),
      );
  }

  let closing: Promise<void> | undefined;
  return {
    close() {
      // Memoised: SIGINT followed by SIGTERM must not close twice. Active jobs finish first.
      closing ??= (async () => {
        await dispatcher.stop();
        await Promise.all(workers.map((w) => w.close()));
        await closeQueues();
        await connection.quit().catch(() => undefined);
      })();
      return closing;
    },
  };
}

/**
 * A heavy kind this process has no handler for (a test runtime with a few kinds; the worker's registry
 * cannot compile without all of them) goes back to the queue for a process that has one: BullMQ's
 * documented way to hand a job back is moveToDelayed + DelayedError.
 */
async function dispatch(
  def: JobDefinition | undefined,
  job: Job,
  token: string | undefined,
  locks: LockWatch,
): Promise<unknown> {
  // Every line the job writes, here, in lib/ and in its handler, carries its video's ids (issue #27).
  if (def && !(await outranked(job)))
    return inJobContext(def.name, job, () => runJob(def, job, token, locks));
  // Handed back: a delay of 0 has BullMQ put it among the prioritized jobs by its priority at once.
  await job.moveToDelayed(Date.now() + (def ? 0 : 1000), token);
  throw new DelayedError();
}

/**
 * Whether a heavy job must wait for a better one already queued. BullMQ hands out the CPU queue's jobs
 * best priority first, except one: its stalled-job check puts a job whose worker died (lock not
 * renewed) back on the plain wait list, which every worker takes before any prioritized job
 * (moveStalledJobsToWait RPUSHes it, moveToActive pops `wait` first). A killed worker's proxy then
 * went ahead of the chunks of an analysis queued after it (issue #17, bench:scale).
 */
async function outranked(job: Job): Promise<boolean> {
  if (job.queueName !== CPU_QUEUE) return false; // the editors' lane has no stalled encodes to pass
  const own = job.priority;
  if (!own) return false;
  try {
    const best = await bestQueuedPriority();
    if (best === undefined || best >= own) return false;
    childLogger({ job: job.name, jobId: job.id }).info(
      { priority: own, queued: best, stalled: job.stalledCounter },
      "a better-priority job is queued; handing this one back",
    );
    return true;
  } catch (err) {
    // Redis hiccup: running it is better than failing it; priority is a preference, not a rule.
    childLogger({ job: job.name, jobId: job.id }).warn({ err }, "priority check failed; running the job");
    return false;
  }
}

async function runJob(def: JobDefinition, job: Job, token: string | undefined, locks: LockWatch) {
  const log = childLogger({ job: def.name, jobId: job.id, attempt: job.attemptsMade + 1 });
  const parsed = def.schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  // Only jobs whose graph node says so write their progress onto the Video row (and then carry its id).
  const videoId = nodeOf(def.name).videoProgress ? (parsed.data as { videoId: string }).videoId : undefined;

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error("job timed out")), def.options.timeoutMs);
  const before = await def.cancelledBy?.(parsed.data);
  if (before) {
    clearTimeout(timer);
    log.info({ reason: before }, "job cancelled before it started");
    return { cancelled: before };
  }
  const watch = watchCancellation(def, parsed.data, abort, log);
  // processedOn is the time BullMQ asked for the job, just before Redis locked it: a safe start.
  const unwatchLock = locks.track(String(job.id), job.processedOn ?? Date.now(), (err) => abort.abort(err));
  const startedAt = Date.now();
  const gate = throttle(1000);
  // Monotonic progress with a measured rate (the API's time left and stall, lib/status/progress.ts).
  const progress = progressTracker(job.progress);
  let first = true;
  // A running job that never reports still shows when it started (and stalls from there); not awaited,
  // so a Redis that went away cannot hold the job's start.
  void job
    .updateProgress(progress.start())
    .catch((err: unknown) => log.warn({ err }, "progress write failed"));
  const ctx: JobContext = {
    jobId: String(job.id),
    attempt: job.attemptsMade + 1,
    signal: abort.signal,
    niceness: nodeOf(def.name).cpu?.niceness ?? 0,
    commit: committer(def.name),
    async reportProgress(stage, fraction) {
      const mark = progress.report(stage, fraction);
      // A stopped job reports nothing more (and must not wait on a Redis that is away).
      if (abort.signal.aborted || !gate(fraction >= 1)) return;
      await job.updateProgress(mark);
      if (videoId) await videoLifecycle.progress(videoId, stage, fraction, first);
      first = false;
    },
  };
  log.info("job started");
  let cpu: CpuUsed | undefined;
  const account = (used: CpuUsed) => {
    cpu = used;
    recordCpu(def.name, used, log);
  };
  try {
    const outcome = await withCpuAccount(() => def.handle(parsed.data, ctx), account);
    const result = await followUp(def.name, outcome);
    log.info({ ms: Date.now() - startedAt, ...cpuFields(cpu) }, "job done");
    return result;
  } catch (err) {
    if (abort.signal.reason instanceof CancelledError) {
      log.info({ reason: abort.signal.reason.message, ms: Date.now() - startedAt }, "job cancelled");
      return { cancelled: abort.signal.reason.message };
    }
    if (abort.signal.reason instanceof LockLostError) return handBack(job, token, abort.signal.reason, log);
    log.warn({ err: (err as Error).message, ...cpuFields(cpu) }, "job failed");
    if (err instanceof PermanentError) throw new UnrecoverableError(err.message);
    throw err;
  } finally {
    clearTimeout(timer);
    clearInterval(watch);
    unwatchLock();
  }
}

/**
 * A job whose lock was lost has had its children killed (ctx.signal); it is not failed, as the input
 * was not at fault. If the lock is still ours after all (Redis came back in time) the job goes back to
 * the queue at once; if not, another worker's stalled-job check returns it. Either way it runs again
 * once, and never while this copy ran. DelayedError tells BullMQ that the job was dealt with.
 */
async function handBack(
  job: Job,
  token: string | undefined,
  reason: LockLostError,
  log: ReturnType<typeof childLogger>,
): Promise<never> {
  log.warn({ reason: reason.message }, "lock lost: the job's children were killed; handing it back");
  await job.moveToDelayed(Date.now(), token).catch((err: unknown) => {
    log.info({ err: (err as Error).message }, "lock lapsed: the stalled-job check returns the job");
  });
  throw new DelayedError();
}

/** Polls the job's cancelledBy while it runs; a reason aborts ctx.signal with a CancelledError. */
function watchCancellation(
  def: JobDefinition,
  data: JobPayload<JobName>,
  abort: AbortController,
  log: ReturnType<typeof childLogger>,
): NodeJS.Timeout | undefined {
  const check = def.cancelledBy;
  if (!check) return undefined;
  let busy = false;
  return setInterval(() => {
    if (busy || abort.signal.aborted) return;
    busy = true;
    check(data)
      .then((reason) => {
        if (reason && !abort.signal.aborted) abort.abort(new CancelledError(reason));
      })
      .catch((err: unknown) => log.warn({ err }, "cancellation check failed"))
      .finally(() => (busy = false));
  }, CANCEL_POLL_MS);
}

async function finalFailure(def: JobDefinition, job: Job | undefined, err: Error): Promise<void> {
  if (!job) return;
  const permanent = err instanceof UnrecoverableError || err.name === "UnrecoverableError";
  const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1);
  if (!permanent && !exhausted) return;
  try {
    const message = permanent ? err.message : `${err.message} (after ${job.attemptsMade} attempts)`;
    await followUp(def.name, await def.onFailed?.(job.data, message, { commit: committer(def.name) }));
  } catch (hookErr) {
    childLogger({ job: def.name, jobId: job.id }).error({ err: hookErr }, "onFailed hook failed");
  }
}
