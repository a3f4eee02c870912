import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "@/lib/env";
import { childLogger, logger } from "@/lib/logger";
import { nodeOf } from "@/lib/pipeline/graph";
import { startDispatcher } from "@/lib/pipeline/outbox";
import { closeQueues } from "@/lib/queue";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { queuePrefix, redisConnection } from "@/lib/queue/connection";
import { etaSeconds, throttle } from "./progress";
import type { JobContext, JobDefinition } from "./jobs/types";
import { CancelledError, PermanentError } from "./jobs/types";

/** How often a running job checks whether it was cancelled: a deleted video's chunk stops within this. */
const CANCEL_POLL_MS = 2_000;

export interface Runtime {
  close(): Promise<void>;
}

/**
 * One BullMQ Worker per job kind, on its own Redis connection (producers use another, see lib/queue).
 * Handlers never see bullmq: they get (data, ctx) and throw PermanentError for input that can't work.
 */
export function startRuntime(jobs: JobDefinition[], opts: { concurrencyScale?: number } = {}): Runtime {
  const connection: Redis = redisConnection("worker");
  connection.on("error", (err) => logger().error({ err }, "redis connection error"));
  const workers = jobs.map((def) => {
    const worker = new Worker(def.name, (job: Job) => runJob(def, job), {
      connection,
      prefix: queuePrefix(),
      concurrency: Math.max(1, Math.round(def.options.concurrency * (opts.concurrencyScale ?? 1))),
      // A long analysis chunk renews its lock; a crashed worker's job becomes available again after
      // this, found by the stalled-job check (BullMQ's default 30 s, sooner with a shorter lock).
      lockDuration: env().WORKER_LOCK_MS,
      stalledInterval: Math.min(30_000, env().WORKER_LOCK_MS / 2),
    });
    worker.on("error", (err) => childLogger({ queue: def.name }).error({ err }, "worker error"));
    worker.on("failed", (job, err) => void finalFailure(def, job, err));
    return worker;
  });
  // Every worker also empties the outbox: jobs that routes staged while Redis was away (lib/pipeline).
  const dispatcher = startDispatcher();
  logger().info({ jobs: jobs.map((j) => j.name) }, "worker runtime started");
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

async function runJob(def: JobDefinition, job: Job): Promise<unknown> {
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
  const startedAt = Date.now();
  const gate = throttle(1000);
  const ctx: JobContext = {
    jobId: String(job.id),
    attempt: job.attemptsMade + 1,
    signal: abort.signal,
    async reportProgress(stage, fraction) {
      if (!gate(fraction >= 1)) return;
      await job.updateProgress({ stage, fraction });
      if (videoId)
        await videoLifecycle.progress(videoId, stage, fraction, etaSeconds(startedAt, Date.now(), fraction));
    },
  };
  log.info("job started");
  try {
    const result = await def.handle(parsed.data, ctx);
    log.info({ ms: Date.now() - startedAt }, "job done");
    return result;
  } catch (err) {
    if (abort.signal.reason instanceof CancelledError) {
      log.info({ reason: abort.signal.reason.message, ms: Date.now() - startedAt }, "job cancelled");
      return { cancelled: abort.signal.reason.message };
    }
    log.warn({ err: (err as Error).message }, "job failed");
    if (err instanceof PermanentError) throw new UnrecoverableError(err.message);
    throw err;
  } finally {
    clearTimeout(timer);
    clearInterval(watch);
  }
}

/** Polls the job's cancelledBy while it runs; a reason aborts ctx.signal with a CancelledError. */
function watchCancellation(
  def: JobDefinition,
  data: unknown,
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
    await def.onFailed?.(
      job.data,
      permanent ? err.message : `${err.message} (after ${job.attemptsMade} attempts)`,
    );
  } catch (hookErr) {
    childLogger({ job: def.name, jobId: job.id }).error({ err: hookErr }, "onFailed hook failed");
  }
}
