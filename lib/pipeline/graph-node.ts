// The job graph's vocabulary (issue #25 split it out of graph.ts, which holds the table itself): the
// job kinds, the entry points from outside a job, and the shape of one node.
import type { z } from "zod";
import type { CpuSlot } from "./cpu";

export const jobNames = [
  "probe",
  "analyze",
  "analyze-chunk",
  "analyze-finalize",
  "cut-clip",
  "reframe-clip",
  "build-reel",
  "filmstrip",
  "proxy",
  "waveform",
  "notify",
  "deliver-webhook",
  "live-poll",
  "live-clip",
  "live-finalize",
  "purge-video",
  "janitor",
  "retrain",
  "rescore",
] as const;
export type JobName = (typeof jobNames)[number];

/** Where work enters the graph from outside a job: a web request, or the editor's action. */
export type EntryPoint =
  | "upload complete"
  | "re-analysis asked for"
  | "highlights edited"
  | "reel asked for"
  | "aspect asked for"
  | "live source added"
  | "video trashed"
  | "worker started"
  | "janitor asked for"
  | "retrain asked for"
  | "model version activated";

export interface Retry {
  attempts: number;
  backoffMs: number;
}

export interface JobNode<P, N extends readonly JobName[], E extends readonly EntryPoint[]> {
  schema: z.ZodType<P>;
  /**
   * Deterministic BullMQ id: the same work is queued once (BullMQ keeps one job per id). `nonce` is for
   * work the user may ask for again (a new reel), which must then be a new job.
   */
  id(payload: P, nonce?: string): string;
  retry: Retry;
  /** The jobs this one enqueues (as single jobs or as a flow's parent and children). */
  next: N;
  /** Where this job is started from outside the worker. */
  entry: E;
  /**
   * The runtime mirrors ctx.reportProgress onto the Video row (stage, progress, ETA). Only the jobs
   * that make a video ready: side jobs (filmstrip, proxy, reel) run beside the analysis and must not
   * overwrite its stage.
   */
  videoProgress: P extends { videoId: string } ? boolean : false;
  /** Heavy work that takes a slot of the worker's CPU budget (null: a light job with its own queue). */
  cpu: CpuSlot<P> | null;
  /** Earlier jobs this one makes pointless, removed while they wait (only cut-clip; queue/producer.ts). */
  supersedes?(payload: P): string[];
}

// Every field is spelled out for every job (no defaults), so the table below reads on its own.
export function node<P, const N extends readonly JobName[], const E extends readonly EntryPoint[]>(
  n: JobNode<P, N, E>,
): JobNode<P, N, E> {
  return n;
}
