// Issue #29: the crop path of a highlight. The worker stores an automatic path (the centre of the crop
// per source frame, as a share of the picture's width); the editor adds keyframes (source time → centre)
// and may lock the path to them. This file turns those into the centre of every frame of a clip, the
// same way in the browser (the crop box over the player) and in the worker (the render). Browser-safe.
import { z } from "zod";

export interface TAutoPath {
  /** the source frame of x[0] */
  startFrame: number;
  /** crop centre per frame, 0 (left edge) … 1 (right edge) */
  x: number[];
  /** source frames where a shot begins (the path may jump there) */
  cuts: number[];
}

export const ZCropKey = z.object({
  t: z.number().finite().min(0, "A keyframe's time cannot be negative"),
  x: z.number().finite().min(0, "The crop centre is 0 … 1").max(1, "The crop centre is 0 … 1"),
});
export type TCropKey = z.infer<typeof ZCropKey>;

export const CROP_KEYS_MAX = 200;
export const ZCropEdit = z
  .object({
    keys: z.array(ZCropKey).max(CROP_KEYS_MAX, `At most ${CROP_KEYS_MAX} keyframes`),
    locked: z.boolean(),
  })
  .strict()
  .refine((c) => !c.locked || c.keys.length > 0, "Set the crop at one moment at least before locking it");
export type TCropEdit = z.infer<typeof ZCropEdit>;

/** How far (seconds) an editor's keyframe pulls the automatic path before and after it. */
export const KEY_REACH_S = 1.5;

/** The automatic centre at a source frame: frames outside the stored path hold its nearest end. */
export function autoAt(auto: TAutoPath | null, frame: number): number {
  if (!auto || auto.x.length === 0) return 0.5;
  const i = Math.min(auto.x.length - 1, Math.max(0, Math.round(frame) - auto.startFrame));
  return auto.x[i]!;
}

function interpolate(keys: { t: number; v: number }[], t: number): number {
  if (t <= keys[0]!.t) return keys[0]!.v;
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1]!;
    const b = keys[i]!;
    if (t <= b.t) return b.t === a.t ? b.v : a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
  }
  return keys[keys.length - 1]!.v;
}

/**
 * The crop centre of source frame `frame`. Locked: the keyframes alone, straight lines between them.
 * Not locked: the automatic path, moved by each keyframe to pass exactly through it, the correction
 * fading out over KEY_REACH_S outside the first and last keyframe.
 */
export function centreAt(
  auto: TAutoPath | null,
  keys: TCropKey[],
  locked: boolean,
  fps: number,
  frame: number,
): number {
  const sorted = [...keys].sort((a, b) => a.t - b.t);
  const t = frame / fps;
  if (sorted.length === 0) return autoAt(auto, frame);
  if (locked)
    return interpolate(
      sorted.map((k) => ({ t: k.t, v: k.x })),
      t,
    );
  const deltas = sorted.map((k) => ({ t: k.t, v: k.x - autoAt(auto, Math.round(k.t * fps)) }));
  const first = deltas[0]!;
  const last = deltas[deltas.length - 1]!;
  let d = interpolate(deltas, t);
  if (t < first.t) d *= Math.max(0, 1 - (first.t - t) / KEY_REACH_S);
  if (t > last.t) d *= Math.max(0, 1 - (t - last.t) / KEY_REACH_S);
  return Math.min(1, Math.max(0, autoAt(auto, frame) + d));
}

/** The left edge (share of width) of a crop `share` wide centred at `centre`, kept inside the picture. */
export const cropLeft = (centre: number, share: number) =>
  Math.min(1 - share, Math.max(0, centre - share / 2));

/** Left edges for frames [startFrame, startFrame + frames). */
export function cropLefts(
  p: { auto: TAutoPath | null; keys: TCropKey[]; locked: boolean },
  fps: number,
  startFrame: number,
  frames: number,
  share: number,
): number[] {
  return Array.from({ length: frames }, (_, i) =>
    cropLeft(centreAt(p.auto, p.keys, p.locked, fps, startFrame + i), share),
  );
}

/** The largest move of the crop between two frames of the same shot (share of the width). */
export function largestJump(lefts: number[], cutsAt: number[] = []): number {
  const cuts = new Set(cutsAt);
  let max = 0;
  for (let i = 1; i < lefts.length; i++)
    if (!cuts.has(i)) max = Math.max(max, Math.abs(lefts[i]! - lefts[i - 1]!));
  return max;
}

/**
 * The automatic path for new boundaries after a trim: frames the old path covered keep their centre
 * (what the editor saw stays put); frames it did not cover come from the fresh path, shifted to meet
 * the old one at the seam, the shift fading out over `fadeFrames`.
 */
export function splicePath(old: TAutoPath | null, fresh: TAutoPath, fadeFrames: number): TAutoPath {
  if (!old || old.x.length === 0) return fresh;
  const oldEnd = old.startFrame + old.x.length;
  const lo = Math.max(old.startFrame, fresh.startFrame);
  const hi = Math.min(oldEnd, fresh.startFrame + fresh.x.length);
  if (hi <= lo) return fresh;
  const freshAt = (f: number) => fresh.x[f - fresh.startFrame]!;
  const x = fresh.x.map((v, i) => {
    const f = fresh.startFrame + i;
    if (f >= lo && f < hi) return old.x[f - old.startFrame]!;
    const seam = f < lo ? lo : hi - 1;
    const shift = old.x[seam - old.startFrame]! - freshAt(seam);
    return Math.min(1, Math.max(0, v + shift * Math.max(0, 1 - Math.abs(f - seam) / fadeFrames)));
  });
  const cuts = [
    ...old.cuts.filter((c) => c >= lo && c < hi),
    ...fresh.cuts.filter((c) => c < lo || c >= hi),
  ].sort((a, b) => a - b);
  return { startFrame: fresh.startFrame, x, cuts };
}
