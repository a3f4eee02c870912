// Issue #25: one decode feeds everything. An analysis chunk already decodes its range at the sampling
// rate (4 fps); from the same frames it keeps the filmstrip's tiles and finds the shot cuts, so no other
// job decodes the match again for them. Pure: the chunk job feeds frames in and stores what comes out.
import { TILE_H, TILE_W } from "../ffmpeg/clip-commands";
import type { Frame } from "../ffmpeg/frames";

export const TILE_BYTES = TILE_W * TILE_H * 3;

// Side of the small copy the shot detector compares: enough for a cut, blind to grain and compression.
const SHOT_SIDE = 32;
/**
 * A cut scores like ffmpeg's scene detector: min(mafd, |mafd − previous mafd|) / 100, mafd being the
 * mean absolute difference (0–255) to the previous frame. Steady motion (a pan) has a high mafd but
 * an even one; a cut is a jump. Between two broadcasts' shots it is ≈0.2–0.6 at 4 fps; inside a shot
 * it stays under 0.05 (shots.int.test.ts).
 */
export const SHOT_SCORE = 0.12;

export interface ByProductPlan {
  rate: number;
  /** Frame slots this chunk owns: [ownFirst, ownEnd). A cut between slots j−1 and j is j's if j−1 is owned. */
  ownFirst: number;
  ownEnd: number;
  /** The decoded frames' side (squashed square, as the model sees them). */
  size: number;
  /** A tile every intervalS seconds, count in all (planFilmstrip). */
  tiles: { intervalS: number; count: number };
  /** The displayed picture's width / height: the tile undoes the square's squash. */
  aspect: number;
}

export interface ByProducts {
  /** Cut times (s): the first sampled frame of the new shot. */
  shots: number[];
  /** Tile numbers kept, in order; their pixels are `pixels`, TILE_W×TILE_H rgb24 each. */
  tiles: number[];
  pixels: Uint8Array;
}

/** The picture's box inside a TILE_W×TILE_H tile: fitted, aspect kept, even sizes. */
export function tileBox(aspect: number): { w: number; h: number } {
  const a = Number.isFinite(aspect) && aspect > 0 ? aspect : 16 / 9;
  if (a >= TILE_W / TILE_H) return { w: TILE_W, h: Math.max(2, Math.min(TILE_H, Math.round(TILE_W / a))) };
  return { w: Math.max(2, Math.min(TILE_W, Math.round(TILE_H * a))), h: TILE_H };
}

/** Area-averages a size×size rgb24 square into w×h (rgb24), reading every `step`-th pixel of each area. */
export function shrink(rgb: Uint8Array, size: number, w: number, h: number, step = 1): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * size) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * size) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * size) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * size) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let yy = y0; yy < y1; yy += step) {
        for (let xx = x0; xx < x1; xx += step) {
          const i = (yy * size + xx) * 3;
          r += rgb[i]!;
          g += rgb[i + 1]!;
          b += rgb[i + 2]!;
          n++;
        }
      }
      const o = (y * w + x) * 3;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return out;
}

/** A tile: the frame unsquashed into its box, centred on black. */
export function tileOf(rgb: Uint8Array, size: number, aspect: number): Uint8Array {
  const box = tileBox(aspect);
  const pic = shrink(rgb, size, box.w, box.h);
  const tile = new Uint8Array(TILE_BYTES);
  const left = Math.floor((TILE_W - box.w) / 2);
  const top = Math.floor((TILE_H - box.h) / 2);
  for (let y = 0; y < box.h; y++) {
    tile.set(pic.subarray(y * box.w * 3, (y + 1) * box.w * 3), ((top + y) * TILE_W + left) * 3);
  }
  return tile;
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** The slot of tile n (its time on the sampling grid). */
export const tileSlot = (n: number, intervalS: number, rate: number) => Math.round(n * intervalS * rate);

/** Collects a chunk's tiles and shot cuts frame by frame (frames arrive in slot order). */
export function byProductCollector(plan: ByProductPlan) {
  const shots: number[] = [];
  const tiles: number[] = [];
  const pixels: Uint8Array[] = [];
  let prev: { index: number; small: Uint8Array; mafd: number | null } | null = null;
  const firstTile = Math.ceil(plan.ownFirst / (plan.tiles.intervalS * plan.rate) - 1e-9);
  let nextTile = firstTile;

  return {
    onFrame(f: Frame): void {
      const owned = f.index >= plan.ownFirst && f.index < plan.ownEnd;
      // every other pixel of each area: a quarter of the reads, the same means to within grain
      const small = shrink(f.rgb, plan.size, SHOT_SIDE, SHOT_SIDE, 2);
      if (prev && prev.index === f.index - 1) {
        const mafd = meanAbsDiff(prev.small, small);
        const score = Math.min(mafd, Math.abs(mafd - (prev.mafd ?? 0))) / 100;
        const prevOwned = prev.index >= plan.ownFirst && prev.index < plan.ownEnd;
        if (prevOwned && score >= SHOT_SCORE) shots.push(Math.round((f.index / plan.rate) * 1e4) / 1e4);
        prev = { index: f.index, small, mafd };
      } else {
        prev = { index: f.index, small, mafd: null };
      }
      while (nextTile < plan.tiles.count && tileSlot(nextTile, plan.tiles.intervalS, plan.rate) < f.index)
        nextTile++; // a slot the decoder never gave (none before the video's end): left black
      if (
        owned &&
        nextTile < plan.tiles.count &&
        tileSlot(nextTile, plan.tiles.intervalS, plan.rate) === f.index
      ) {
        tiles.push(nextTile++);
        pixels.push(tileOf(f.rgb, plan.size, plan.aspect));
      }
    },
    result(): ByProducts {
      const all = new Uint8Array(pixels.length * TILE_BYTES);
      pixels.forEach((p, i) => all.set(p, i * TILE_BYTES));
      return { shots, tiles, pixels: all };
    },
  };
}
