// Pure timeline geometry: the visible time window, zoom/pan and per-pixel decimation. Browser-safe.

export interface View {
  /** first and last visible second */
  start: number;
  end: number;
}

export const span = (v: View) => v.end - v.start;

export function timeToX(t: number, v: View, width: number): number {
  return ((t - v.start) / span(v)) * width;
}

export function xToTime(x: number, v: View, width: number): number {
  return v.start + (x / width) * span(v);
}

/**
 * Keeps a view inside [0, duration] without changing its span (a pan that hits an end stops there), and
 * its span within [minSpan, duration].
 */
export function clampView(v: View, duration: number, minSpan: number): View {
  const d = Math.max(duration, minSpan);
  const s = Math.min(d, Math.max(minSpan, span(v)));
  const start = Math.min(Math.max(0, v.start), d - s);
  return { start, end: start + s };
}

/** Zoom by `factor` (<1 zooms in) keeping the time under `anchor` where it is on screen. */
export function zoomAt(v: View, factor: number, anchor: number, duration: number, minSpan: number): View {
  const s = Math.min(Math.max(duration, minSpan), Math.max(minSpan, span(v) * factor));
  const frac = span(v) > 0 ? (anchor - v.start) / span(v) : 0.5;
  return clampView({ start: anchor - frac * s, end: anchor - frac * s + s }, duration, minSpan);
}

export function panBy(v: View, deltaS: number, duration: number, minSpan: number): View {
  return clampView({ start: v.start + deltaS, end: v.end + deltaS }, duration, minSpan);
}

/** Smallest span: `pxPerFrame` pixels per frame across `width`, so single frames are clickable. */
export function minSpanFor(width: number, fps: number, pxPerFrame = 24): number {
  return Math.max(1 / fps, (width / pxPerFrame) * (1 / fps));
}

/** Scrolls the view so `t` is visible, keeping the span (the playhead leaving a zoomed-in view). */
export function follow(v: View, t: number, duration: number, minSpan: number): View {
  if (t >= v.start && t <= v.end) return v;
  return clampView({ start: t - span(v) * 0.1, end: t + span(v) * 0.9 }, duration, minSpan);
}

/** First index i with times[i] >= t (times ascending). */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Columns {
  /** per pixel column: min and max of the samples in it; NaN where the column has none */
  min: Float32Array;
  max: Float32Array;
}

/**
 * Min/max per pixel column over the visible samples: a 3-hour score track (thousands of points) or
 * waveform (100 000 peaks) costs one pass over what is visible and draws `width` lines, and a short
 * spike never disappears between samples the way it would with plain subsampling.
 */
export function decimate(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  v: View,
  width: number,
): Columns {
  const w = Math.max(0, Math.floor(width));
  const min = new Float32Array(w).fill(Number.NaN);
  const max = new Float32Array(w).fill(Number.NaN);
  const scale = w / span(v);
  for (let i = lowerBound(times, v.start); i < times.length && times[i]! <= v.end; i++) {
    const col = Math.min(w - 1, Math.floor((times[i]! - v.start) * scale));
    const val = values[i]!;
    if (!(min[col]! <= val)) min[col] = val;
    if (!(max[col]! >= val)) max[col] = val;
  }
  return { min, max };
}

/**
 * Index range [from, to) of the samples to draw for a view: the visible ones plus one neighbour each
 * side, so a line zoomed in between two sparse samples (one score per second at frame zoom) still
 * crosses the view instead of vanishing.
 */
export function visibleRange(times: ArrayLike<number>, v: View): { from: number; to: number } {
  const from = Math.max(0, lowerBound(times, v.start) - 1);
  const to = Math.min(times.length, lowerBound(times, v.end) + 1);
  return { from, to };
}

/** Evenly spaced sample times for a series given at a fixed rate (the waveform). */
export function rateTimes(count: number, rate: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = i / rate;
  return out;
}

const TICK_STEPS = [0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Ruler ticks at least `minPx` apart, on round steps. */
export function rulerTicks(
  v: View,
  width: number,
  minPx = 80,
  frameS = 0.04,
): { step: number; ticks: number[] } {
  const perPx = span(v) / Math.max(1, width);
  const step = TICK_STEPS.find((s) => s >= frameS && s / perPx >= minPx) ?? 3600;
  const ticks: number[] = [];
  for (let t = Math.ceil(v.start / step) * step; t <= v.end + 1e-9; t += step)
    ticks.push(Math.round(t * 1e6) / 1e6);
  return { step, ticks };
}
