// Issue #29: where the crop box sits over the review room's player, and what an editor's drag stores.
// The same path maths as the render (lib/reframe/path.ts), so the box shows the frames the download
// will hold. Browser-safe, unit-tested.
import type { THighlightDto } from "@/lib/schemas/highlights";
import { centreAt, cropLeft, type TCropKey } from "@/lib/reframe/path";

/** The picture inside the player's 16:9 box (video.js letterboxes other shapes), as shares of the box. */
export function pictureRect(width: number | null, height: number | null, box = 16 / 9) {
  const r = width && height ? width / height : box;
  const w = Math.min(1, r / box);
  const h = Math.min(1, box / r);
  return { left: (1 - w) / 2, top: (1 - h) / 2, width: w, height: h };
}

type Cropped = Pick<THighlightDto, "id" | "startS" | "endS" | "crop">;

/**
 * The highlight whose crop the box shows at time `t`: the selected one while the playhead is inside it,
 * else the first one the playhead is inside; none between highlights (a crop belongs to a clip).
 */
export function cropTarget<H extends Cropped>(highlights: H[], selectedId: string | null, t: number) {
  const inside = (h: H) => t >= h.startS - 1e-6 && t < h.endS;
  const selected = highlights.find((h) => h.id === selectedId);
  if (selected && inside(selected)) return selected;
  return highlights.find(inside) ?? null;
}

/** The crop's left edge (share of the picture's width) at source frame `frame`. */
export const boxLeft = (crop: Cropped["crop"], fps: number, frame: number, share: number) =>
  cropLeft(centreAt(crop.auto, crop.keys, crop.locked, fps, frame), share);

/** A left edge moved by `dx` (share of the picture's width), kept inside the picture. */
export const movedLeft = (left: number, dx: number, share: number) =>
  Math.min(1 - share, Math.max(0, left + dx));

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The keyframes once the editor puts the crop (left edge `left`) at source frame `frame`: a keyframe
 * already on that frame is replaced, the others stay; sorted by time.
 */
export function withKey(keys: TCropKey[], frame: number, left: number, share: number, fps: number) {
  const t = r4(frame / fps);
  const others = keys.filter((k) => Math.round(k.t * fps) !== frame);
  return [...others, { t, x: r4(Math.min(1, Math.max(0, left + share / 2))) }].sort((a, b) => a.t - b.t);
}
