import { z } from "zod";
import { jobNames, type JobName } from "../pipeline/graph";

// The operators' view (issue #17) is per job kind: a light kind has a BullMQ queue of its own, the heavy
// kinds share the CPU queue (lib/pipeline/graph.ts queueOf); the page and the API name the kind.
export const queueNames: readonly JobName[] = jobNames;

export const ZQueueName = z.enum(queueNames as [JobName, ...JobName[]]);

export const ZQueueJobParams = z.object({ queue: ZQueueName, jobId: z.string().min(1).max(200) });

export const ZQueueJobAction = z.object({ action: z.enum(["retry", "remove"]) });
export type TQueueJobAction = z.infer<typeof ZQueueJobAction>;

export const jobStates = [
  "waiting",
  "prioritized",
  "waiting-children",
  "active",
  "delayed",
  "failed",
  "completed",
] as const;
export type TJobState = (typeof jobStates)[number];

export interface TQueueCounts {
  queue: JobName;
  counts: Record<TJobState, number>;
  paused: boolean;
}

export interface TQueueJobDto {
  queue: JobName;
  id: string;
  state: "active" | "failed";
  data: unknown;
  attemptsMade: number;
  attempts: number;
  /** ISO times from BullMQ's own timestamps (added, first taken, finished). */
  createdAt: string;
  processedAt: string | null;
  finishedAt: string | null;
  progress: unknown;
  failedReason: string | null;
  /** First lines of the last stack BullMQ recorded: where it failed, not the whole trace. */
  stackHead: string | null;
}

export interface TQueuesDto {
  queues: TQueueCounts[];
  active: TQueueJobDto[];
  failed: TQueueJobDto[];
}
