// Progress a person can trust (issues #24 and #25): it never goes backwards, time left comes from the
// rate measured while the work ran (not from the time since it was queued), and work that stopped
// moving says so. Pure, so the rules are tested without a worker; the Video row (analysis) and the
// BullMQ job's progress (clips, reels, re-scoring, retraining) both keep one of these marks.

/** The last known fraction done, when it last rose, and the measured rate (fraction per second). */
export interface ProgressMark {
  fraction: number;
  /** ms since the epoch of the last rise (or of the start of the work) */
  at: number;
  /** fraction per second, smoothed; null until two rises were measured */
  rate: number | null;
}

/** Rates older than this weigh ~1/e in the smoothed rate: recent speed counts most. */
export const RATE_TAU_S = 30;
/**
 * A gap longer than this between two rises is not a rate sample: the work waited (for a worker, for a
 * retry) rather than ran slowly, and folding the wait in said "1 h 4 min left" for a 3-minute file.
 */
export const RATE_GAP_S = 90;
/** No rise for this long while a worker holds the job: it says it is stalled. */
export const STALL_AFTER_S = 120;

const clamp = (f: number) => (Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : 0);

/**
 * The mark after a report of `fraction` at `now`. The fraction only grows (a retried attempt that
 * starts again from 0 leaves the shown progress where it was until it passes it). `started`: a worker
 * just began (or began again) the work: the clock starts there, not when it was queued.
 */
export function advance(
  prev: ProgressMark | null,
  fraction: number,
  now: number,
  started = false,
): ProgressMark {
  const f = clamp(fraction);
  if (!prev) return { fraction: f, at: now, rate: null };
  // A start (or a retry) restarts the clock and keeps the rate measured so far.
  if (started) return { fraction: Math.max(f, prev.fraction), at: now, rate: prev.rate };
  if (f <= prev.fraction) return prev;
  const dt = (now - prev.at) / 1000;
  if (dt <= 0) return { ...prev, fraction: f };
  if (dt > RATE_GAP_S) return { fraction: f, at: now, rate: prev.rate };
  const sample = (f - prev.fraction) / dt;
  if (prev.rate === null) return { fraction: f, at: now, rate: sample };
  const weight = 1 - Math.exp(-dt / RATE_TAU_S);
  return { fraction: f, at: now, rate: prev.rate + weight * (sample - prev.rate) };
}

/**
 * Seconds left at `now` from the measured rate, less the time since the last rise; null while no rate
 * is measured, when done, or when stalled (a guess then would be a made-up number).
 */
export function etaSeconds(mark: ProgressMark, now: number): number | null {
  if (mark.rate === null || mark.rate <= 0 || mark.fraction >= 1) return null;
  if (stalledFor(mark, now) !== null) return null;
  const left = (1 - mark.fraction) / mark.rate - Math.max(0, now - mark.at) / 1000;
  return Math.max(1, Math.round(left));
}

/** Whole seconds without a rise when that is at least `afterS`, else null. */
export function stalledFor(mark: ProgressMark, now: number, afterS = STALL_AFTER_S): number | null {
  const s = Math.floor((now - mark.at) / 1000);
  return s >= afterS ? s : null;
}

/** A mark read back from JSON (a BullMQ job's progress), or null when it is not one. */
export function markOf(value: unknown): ProgressMark | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.fraction !== "number" || typeof v.at !== "number") return null;
  return { fraction: v.fraction, at: v.at, rate: typeof v.rate === "number" ? v.rate : null };
}
