// Frame-rate-aware time maths shared by every export format.
//
// Timecode is NON-DROP everywhere, also at 29.97/59.94: a frame count is labelled HH:MM:SS:FF with the
// nominal base (30 for 29.97), so the label drifts from wall-clock time by 0.1 % (3.6 s per hour) exactly
// as NDF timecode does in every NLE. Drop-frame would remove that drift but is not needed for clip
// interchange: every importer that reads NDF maps the label back to the same frame. Seconds are turned
// into frames by rounding to the nearest frame of the real rate.

export interface Rate {
  /** exact rate as a fraction: 30000/1001 for 29.97 */
  num: number;
  den: number;
  /** the integer frame count per timecode second (30 for 29.97) */
  base: number;
}

// NTSC-family rates stored as floats (29.97002997…) or rounded (29.97) map to their exact fractions.
const NTSC = [24, 30, 48, 60, 120];

export function rateOf(fps: number): Rate {
  if (!Number.isFinite(fps) || fps <= 0 || fps > 1000) throw new RangeError(`invalid frame rate: ${fps}`);
  for (const n of NTSC) {
    if (Math.abs(fps - (n * 1000) / 1001) < 0.005) return { num: n * 1000, den: 1001, base: n };
  }
  if (Math.abs(fps - Math.round(fps)) < 0.005) return { num: Math.round(fps), den: 1, base: Math.round(fps) };
  // Odd rates (12.5, 23.5 …): keep three decimals; the label base is the next whole number.
  const num = Math.round(fps * 1000);
  return { num, den: 1000, base: Math.ceil(num / 1000) };
}

export const fpsOf = (r: Rate) => r.num / r.den;

export function secondsToFrames(seconds: number, r: Rate): number {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`invalid time: ${seconds}`);
  return Math.round((seconds * r.num) / r.den);
}

export const framesToSeconds = (frames: number, r: Rate) => (frames * r.den) / r.num;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function framesToTimecode(frames: number, r: Rate): string {
  if (!Number.isInteger(frames) || frames < 0) throw new RangeError(`invalid frame count: ${frames}`);
  const ff = frames % r.base;
  const totalS = Math.floor(frames / r.base);
  return `${pad(Math.floor(totalS / 3600))}:${pad(Math.floor(totalS / 60) % 60)}:${pad(totalS % 60)}:${pad(ff)}`;
}

export function timecodeToFrames(tc: string, r: Rate): number {
  const m = /^(\d{2,}):(\d{2}):(\d{2})[:;](\d{2})$/.exec(tc.trim());
  if (!m) throw new Error(`not a timecode: "${tc}"`);
  const [h, mi, s, f] = m.slice(1).map(Number) as [number, number, number, number];
  if (mi > 59 || s > 59 || f >= r.base) throw new Error(`timecode out of range: "${tc}"`);
  return ((h * 60 + mi) * 60 + s) * r.base + f;
}

export const secondsToTimecode = (seconds: number, r: Rate) =>
  framesToTimecode(secondsToFrames(seconds, r), r);

/** A time as a rational number of seconds, the way FCPXML wants it: "1001/30000s" per frame at 29.97. */
export function rationalSeconds(frames: number, r: Rate): string {
  if (frames === 0) return "0s";
  return r.den === 1 ? `${frames}/${r.num}s` : `${frames * r.den}/${r.num}s`;
}
