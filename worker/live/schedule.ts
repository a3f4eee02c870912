// When to reload the playlist next. Pure; unit-tested.
//
// RFC 8216 §6.3.4 asks clients to wait a whole target duration after a changed playlist (half after an
// unchanged one). Doing exactly that locks the poll to an arbitrary phase: a segment published just after
// a reload waits almost a full target duration (10 s) before we even see it, which defeats near-live
// detection. So we aim instead: segment N+1 cannot appear before segment N appeared + its duration, and N
// appeared after the last reload that did not list it. We reload at that earliest moment and then every
// `fastMs` until it shows up — a handful of small GETs per segment — and fall back to the RFC's
// half-target-duration once the segment is late by a quarter of the target duration (at least a second):
// late or stalled streams are not hammered. Each tick aims
// at the next segment from the last miss, so the uncertainty about when one appeared stays at fastMs
// and does not accumulate over a match.
//
// The fast reloads happen inside one tick (`holdUntilMs`): a delayed job per reload would add BullMQ's
// hand-over and a tick's database round trips to every segment's latency.

export interface ScheduleInput {
  nowMs: number;
  // start of this tick's playlist load
  pollStartMs: number;
  gotNew: boolean;
  targetDurationS: number;
  // duration of the newest segment in the playlist
  lastDurationS: number;
  // start of the latest load that found nothing new (before this one), if any since the previous new segment
  lastMissMs: number | null;
  // when a new segment was last seen
  lastNewMs: number;
  fastMs: number;
}

// Segments are sometimes published a little early relative to their nominal duration (encoder jitter).
const EARLY_MS = 250;

export function nextPollDelayMs(i: ScheduleInput): number {
  const td = i.targetDurationS * 1000;
  if (i.gotNew) {
    // Without a miss since the previous segment we only know N appeared before this load.
    const appearedAfter = i.lastMissMs ?? i.pollStartMs - td / 2;
    const earliestNext = appearedAfter + i.lastDurationS * 1000 - EARLY_MS;
    return Math.max(i.fastMs, Math.round(earliestNext - i.nowMs));
  }
  return i.nowMs < fastUntilMs(i) ? i.fastMs : Math.max(i.fastMs, Math.round(td / 2));
}

/** End of the fast reloads for the segment after the one found at lastNewMs. */
export function fastUntilMs(i: {
  lastNewMs: number;
  lastDurationS: number;
  targetDurationS: number;
}): number {
  return i.lastNewMs + i.lastDurationS * 1000 + Math.max(1000, (i.targetDurationS * 1000) / 4);
}

export interface HoldInput {
  nowMs: number;
  // load start of the tick that last found a new segment; null before the first
  lastNewMs: number | null;
  lastDurationS: number;
  targetDurationS: number;
  // at most this long per tick
  holdMs: number;
}

/** Until when a tick that found nothing new keeps reloading: while the next segment is due, bounded. */
export function holdUntilMs(i: HoldInput): number {
  if (i.lastNewMs === null) return i.nowMs;
  return Math.min(fastUntilMs({ ...i, lastNewMs: i.lastNewMs }), i.nowMs + i.holdMs);
}
