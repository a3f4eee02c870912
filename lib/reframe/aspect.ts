// Issue #29: the aspects a clip is offered in. 16:9 is the cut itself; the others are a full-height
// crop of it that follows the action (lib/reframe/path.ts). Browser-safe.
import { z } from "zod";

export const ASPECTS = ["16:9", "9:16", "1:1", "4:5"] as const;
export const ZAspect = z.enum(ASPECTS, { error: "The aspect must be one of 16:9, 9:16, 1:1 or 4:5" });
export type TAspect = z.infer<typeof ZAspect>;
/** The aspects made by cropping the 16:9 clip. */
export type TCropAspect = Exclude<TAspect, "16:9">;
export const CROP_ASPECTS: TCropAspect[] = ["9:16", "1:1", "4:5"];

const RATIO: Record<TAspect, number> = { "16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1, "4:5": 4 / 5 };

/** "9:16" → "9x16": for object keys, file names and job ids (no colon). */
export const aspectSlug = (a: TAspect) => a.replace(":", "x");

export const isCropAspect = (a: TAspect): a is TCropAspect => a !== "16:9";

/**
 * The crop of a `width`×`height` picture: full height, an even width (H.264 4:2:0 wants even sizes)
 * no wider than the picture. A source narrower than the aspect (already vertical) keeps its width.
 */
export function cropSize(aspect: TAspect, width: number, height: number): { w: number; h: number } {
  const even = (n: number) => Math.max(2, 2 * Math.floor(n / 2));
  const w = Math.min(even(width), even(height * RATIO[aspect]));
  return { w, h: even(height) };
}

/** The crop's width as a share of the picture's width (what the path's centre moves within). */
export function cropShare(aspect: TAspect, width: number, height: number): number {
  return cropSize(aspect, width, height).w / width;
}
