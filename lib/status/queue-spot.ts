// Where a job stands in its BullMQ queue, from the few facts Redis gives (lib/queue/position.ts reads
// them). Pure, so the ordering rule is tested without Redis. BullMQ's order (moveToActive-11.lua,
// fetchNextJob.lua): a worker first pops the plain `wait` list from its right end (RPOPLPUSH; new jobs
// are LPUSHed, a recovered stalled job is RPUSHed to the front), and only when it is empty takes the
// lowest score of the `prioritized` set (priority × 2^32 + arrival counter).

import type { TJobStatus } from "../schemas/job-status";
import { etaSeconds, markOf, stalledFor } from "./progress";

export interface QueueFacts {
  /** index from the left in the wait list (LPOS), null when not there */
  waitIndex: number | null;
  waitLength: number;
  /** score in the prioritized set, null when not there */
  prioritizedScore: number | null;
  /** prioritized jobs with a lower score (taken before it); counted only when it is prioritized */
  prioritizedBefore: number;
  /** score in the delayed set (timestamp × 0x1000 + counter), null when not there */
  delayedScore: number | null;
  active: boolean;
  paused: boolean;
  /** the job hash's `progress` field, parsed (the runtime writes a ProgressMark with its stage) */
  progress: unknown;
}

/** Jobs a worker takes before this one, or null when it is not waiting. */
export function aheadOf(
  f: Pick<QueueFacts, "waitIndex" | "waitLength" | "prioritizedScore" | "prioritizedBefore">,
): number | null {
  if (f.waitIndex !== null) return Math.max(0, f.waitLength - 1 - f.waitIndex);
  if (f.prioritizedScore !== null) return f.waitLength + f.prioritizedBefore;
  return null;
}

/** The job's status at `now`, or null when the queue does not hold it as pending or running. */
export function statusOf(f: QueueFacts, now: number): TJobStatus | null {
  if (f.active) {
    const mark = markOf(f.progress);
    const { stage, fraction } = (f.progress ?? {}) as { stage?: unknown; fraction?: unknown };
    return {
      state: "running",
      stage: typeof stage === "string" ? stage : null,
      fraction: mark?.fraction ?? (typeof fraction === "number" ? fraction : 0),
      etaSeconds: mark ? etaSeconds(mark, now) : null,
      stalledForS: mark ? stalledFor(mark, now) : null,
    };
  }
  const ahead = aheadOf(f);
  if (ahead !== null) return { state: "waiting", ahead, paused: f.paused };
  if (f.delayedScore !== null) {
    const at = Math.floor(f.delayedScore / 0x1000);
    // A job handed back to be re-queued at once by priority (worker/runtime.ts) is delayed by 0 ms.
    if (at <= now + 1000) return { state: "waiting", ahead: null, paused: f.paused };
    return { state: "retrying", at: new Date(at).toISOString() };
  }
  return null;
}
