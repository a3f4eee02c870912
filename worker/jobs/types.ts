import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { graph, type JobName, type JobPayload, type NextOf } from "@/lib/pipeline/graph";

/** What a job's transaction (JobContext.commit) returns: null or false when nothing follows. */
export type Committed<N extends JobName> = { next?: NextJob<N>[] } | null | false;

export interface JobContext<N extends JobName = JobName> {
  jobId: string;
  attempt: number;
  /**
   * Stage + fraction 0..1; throttled writes to the job and, for jobs whose graph node says
   * `videoProgress`, the Video row (with ETA).
   */
  reportProgress(stage: string, fraction: number): Promise<void>;
  signal: AbortSignal;
  /** How much nicer than the worker this kind's ffmpeg runs (its graph node's CPU slot; none: 0). */
  niceness?: number;
  /**
   * Runs `change` in one transaction and stages the `next` it returns in the outbox inside it, so a
   * state change and the jobs that follow it commit together or not at all (worker/runtime-next.ts).
   * Returns what `change` returned; its `next` is staged already, so the handler does not return it.
   */
  commit<T extends Committed<N>>(change: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
}

/** JobContext.commit, for code a handler hands it to (the live follow loop). */
export type Commit<N extends JobName> = JobContext<N>["commit"];

// Retries are set at enqueue time from the job graph (lib/pipeline/graph.ts).
export interface JobOptions {
  concurrency: number;
  /** How long a job may run before the runtime aborts it. */
  timeoutMs: number;
}

/** A job that follows job `F`: only the graph's edges from `F` type-check (the runtime checks again). */
export type NextJob<F extends JobName> = {
  [K in NextOf<F> & JobName]: {
    job: K;
    data: JobPayload<K>;
    delayMs?: number;
    /** Jobs that run first, on any worker; this one runs once all of them are done (a BullMQ flow). */
    children?: FlowChildJob<F>[];
  };
}[NextOf<F> & JobName];

/** A child of a `next` entry's flow: also an edge from `F`. */
export type FlowChildJob<F extends JobName> = {
  [K in NextOf<F> & JobName]: { job: K; data: JobPayload<K> };
}[NextOf<F> & JobName];

/**
 * What a handler returns: what BullMQ keeps as the job's return value and, in `next`, the jobs that
 * follow. The runtime stages those in the outbox (worker/runtime-next.ts); a handler enqueues nothing.
 */
export type Outcome<F extends JobName> = void | string | { next?: NextJob<F>[]; [key: string]: unknown };

/**
 * One job kind's handler. Its name and payload schema are its graph node's (lib/pipeline/graph.ts): `job()`
 * takes them from there, so nothing here restates the graph.
 */
export interface JobDefinition<N extends JobName = JobName> {
  name: N;
  schema: z.ZodType<JobPayload<N>>;
  options: JobOptions;
  handle(data: JobPayload<N>, ctx: JobContext<N>): Promise<Outcome<N>>;
  /**
   * Why this job's work is no longer wanted (its video was deleted, its analysis stopped), or null.
   * The runtime asks before the handler starts and every few seconds while it runs; a reason aborts
   * ctx.signal (ffmpeg is killed) and the job ends as cancelled: no retry, no onFailed.
   */
  cancelledBy?(data: JobPayload<N>): Promise<string | null>;
  /**
   * Called once the job will not run again (permanent error or attempts used up). What follows is
   * returned as `next`, or staged with `ctx.commit` together with the change that calls for it.
   */
  onFailed?(
    data: JobPayload<N>,
    message: string,
    ctx: Pick<JobContext<N>, "commit">,
  ): Promise<void | { next: NextJob<N>[] }>;
  /**
   * Called once when a worker starts taking this kind, so the first job does not wait for what every
   * later one finds ready (model files checked, inference sessions created). Failures are only logged.
   */
  warmUp?(): Promise<void>;
}

/** Input that will never work (corrupt file, missing row): fail now, no retries, show the message. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentError";
  }
}

/** The handler of the graph's job `name`: its name and payload schema come from its graph node. */
export function job<N extends JobName>(
  name: N,
  def: Omit<JobDefinition<N>, "name" | "schema">,
): JobDefinition<N> {
  // TypeScript cannot correlate graph[N]'s schema with JobPayload<N> for a generic N (it widens the index
  // to every node); for each concrete name they are the same type by JobPayload's definition.
  return { name, schema: graph[name].schema as z.ZodType<JobPayload<N>>, ...def };
}

/** The reason ctx.signal carries when the runtime cancelled a job (JobDefinition.cancelledBy). */
export class CancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CancelledError";
  }
}
