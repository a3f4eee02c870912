// Frame maths against the ORIGINAL's frame rate (Video.fps): frame numbers and timecodes an editor
// can match in their NLE. Browser-safe.

// Seeks and float times land a hair before a frame boundary (k/fps computed in binary); without the
// slack frame k would read as k-1.
const SLACK = 1e-3;

export function frameOf(t: number, fps: number): number {
  return Math.max(0, Math.floor(t * fps + SLACK));
}

/** Start time of frame k. */
export function timeOfFrame(k: number, fps: number): number {
  return Math.max(0, k) / fps;
}

/** A time snapped to the start of the frame it falls in. */
export function quantize(t: number, fps: number): number {
  return timeOfFrame(frameOf(t, fps), fps);
}

/** Last frame's start: a seek past it shows nothing. */
export function lastFrameTime(duration: number, fps: number): number {
  return timeOfFrame(Math.max(0, Math.ceil(duration * fps - SLACK) - 1), fps);
}

export function stepFrames(t: number, n: number, fps: number, duration: number): number {
  return Math.min(lastFrameTime(duration, fps), timeOfFrame(frameOf(t, fps) + n, fps));
}

export function stepSeconds(t: number, n: number, fps: number, duration: number): number {
  return Math.min(lastFrameTime(duration, fps), Math.max(0, quantize(t + n, fps)));
}

/** SMPTE-style non-drop timecode HH:MM:SS:FF at the nominal (rounded) rate. */
export function timecode(t: number, fps: number): string {
  const nominal = Math.max(1, Math.round(fps));
  const f = frameOf(t, fps);
  const ff = f % nominal;
  const total = Math.floor(f / nominal);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(Math.floor(total / 3600))}:${p(Math.floor((total % 3600) / 60))}:${p(total % 60)}:${p(ff)}`;
}

/** Match time "mm:ss" (minutes keep counting past 60, as a match clock does). */
export function matchTime(t: number): string {
  const s = Math.max(0, Math.floor(t));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}
