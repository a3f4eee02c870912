import { z } from "zod";
import { clock } from "../clock";

// Issue #16: how much of the video an analysis really saw. Each chunk owns a range of frame slots
// (worker/analysis/plan.ts) and reports the slots it decoded; what a chunk owns but never got (a file
// whose index promises more than its data holds, a decode that ends early) is a gap, stored with the
// analysis, shown as a warning on the video and drawn on the review timeline.

export const ZCoverage = z.object({
  rate: z.number().positive(),
  expectedFrames: z.number().int().nonnegative(),
  analysedFrames: z.number().int().nonnegative(),
  gaps: z.array(z.object({ startS: z.number(), endS: z.number() })),
  // Slots before the video's first picture (a camera that starts after its sound, issue #23): decoded
  // as copies of it, scored by no window. Kept so a re-score from the stored features skips them too.
  leadFrames: z.number().int().nonnegative().optional(),
});
export type TCoverage = z.infer<typeof ZCoverage>;

/**
 * Slots a complete decode may still miss: the fps filter rounds the first and last slot of a source
 * whose duration is not a whole number of slots. Anything longer is a real gap.
 */
export const SLOT_SLACK = 2;

interface Owned {
  firstFrame: number;
  ownFrames: number | undefined;
}
interface Decoded {
  firstFrame: number;
  frameCount: number;
}

export function coverageOf(
  plan: readonly Owned[],
  decoded: readonly Decoded[],
  durationS: number,
  rate: number,
  leadFrames = 0,
): TCoverage {
  const expectedFrames = Math.ceil(durationS * rate - 1e-6);
  let analysedFrames = 0;
  const missing: [number, number][] = [];
  plan.forEach((chunk, i) => {
    const from = chunk.firstFrame;
    const to = chunk.ownFrames === undefined ? Math.max(from, expectedFrames) : from + chunk.ownFrames;
    const got = decoded[i] ?? { firstFrame: from, frameCount: 0 };
    const a = Math.max(from, got.firstFrame);
    const b = Math.min(to, got.firstFrame + got.frameCount);
    if (b <= a) return void missing.push([from, to]);
    analysedFrames += b - a;
    if (a > from) missing.push([from, a]);
    if (to > b) missing.push([b, to]);
  });
  const merged: [number, number][] = [];
  for (const [a, b] of missing) {
    const last = merged.at(-1);
    if (last && last[1] >= a) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const gaps = merged
    .filter(([a, b]) => b - a > SLOT_SLACK)
    .map(([a, b]) => ({ startS: a / rate, endS: Math.min(durationS, b / rate) }));
  return { rate, expectedFrames, analysedFrames, gaps, ...(leadFrames > 0 ? { leadFrames } : {}) };
}

/** The sentence on the video: "frames after 0:03 could not be decoded", or null when all was seen. */
export function coverageWarning(c: TCoverage, durationS: number): string | null {
  if (c.gaps.length === 0) return null;
  const toEnd = (endS: number) => endS >= durationS - SLOT_SLACK / c.rate;
  return c.gaps
    .map((g) =>
      toEnd(g.endS)
        ? `frames after ${clock(g.startS)} could not be decoded`
        : `frames from ${clock(g.startS)} to ${clock(g.endS)} could not be decoded`,
    )
    .join("; ");
}

/** The stored coverage of an analysis, or null for one from before issue #16 (or unreadable). */
export function coverageFrom(json: unknown): TCoverage | null {
  const parsed = ZCoverage.safeParse(json);
  return parsed.success ? parsed.data : null;
}
