/**
 * Where a piece of background work stands, as the API reports it beside the thing it makes (a video's
 * analysis, a clip, a reel, a retrain…), so no one stares at "0 %" without knowing why (issues #24, #25).
 */
export type TJobStatus =
  | {
      state: "waiting";
      /** jobs that a worker takes before this one; null when it could not be read (Redis slow or away) */
      ahead: number | null;
      /** an operator paused the queue: nothing is taken until it is resumed */
      paused: boolean;
    }
  /** failed once, tried again at `at` (ISO) */
  | { state: "retrying"; at: string }
  | {
      state: "running";
      stage: string | null;
      /** 0..1, never lower than a value shown before */
      fraction: number;
      /** from the measured rate; null until measured, or while stalled */
      etaSeconds: number | null;
      /** seconds without progress while a worker holds it, once that is long enough to say so */
      stalledForS: number | null;
    };

export const WAITING_UNKNOWN: TJobStatus = { state: "waiting", ahead: null, paused: false };
