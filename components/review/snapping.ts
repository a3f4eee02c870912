import { lowerBound } from "./timeline-math";

export const SNAP_S = 0.5;

/** The nearest shot cut within `tolerance` of t, else t. `cuts` ascending. */
export function snapToCut(t: number, cuts: readonly number[], tolerance = SNAP_S): number {
  const i = lowerBound(cuts, t);
  let best = t;
  let dist = tolerance + 1e-9;
  for (const c of [cuts[i - 1], cuts[i]]) {
    if (c !== undefined && Math.abs(c - t) <= dist) {
      dist = Math.abs(c - t);
      best = c;
    }
  }
  return best;
}
