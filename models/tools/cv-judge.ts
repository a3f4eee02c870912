// How the cross-validation (cv-segments.ts) judges a fold timeline's highlights against the kicks
// placed in it. Pure, so the rule has its own test.
import type { Segment } from "@/lib/highlights/segments";

export interface Piece {
  kind: "kick" | "background";
  path: string;
  group: string;
  start: number;
  end: number;
  broadcast?: boolean;
  short?: boolean;
  /** Footage judged elsewhere in the timeline, played again to keep kicks apart: never judged. */
  filler?: boolean;
}

export interface Judged {
  start: number;
  end: number;
  peak: number;
  /** The kick this highlight found (at most one). */
  kicks: string[];
  /** Other kicks it overlaps, found by another highlight or by none. */
  covers: string[];
  /** A false highlight: the non-penalty piece it is charged to (null on filler or on kicks only). */
  in: string | null;
}

// Each highlight finds at most one kick and each kick is found by at most one highlight: pairs that
// overlap (and are near, below) are matched greedily, the longest overlap first. Crediting every kick a highlight touches
// let one highlight at a low threshold run across minutes of footage and "find" all the kicks in it
// (fold 5 of the first run: one 147-s highlight, 5 kicks found, 0 false), which made low thresholds
// look best on validation and reported 18-s boundary errors. A highlight matched to no kick is false,
// charged to the non-penalty piece it overlaps most; if that piece is filler (footage judged elsewhere
// in the timeline) or it lies on kicks only, it is charged to none.
// A highlight finds a kick only if its middle lies within one window (4 s) of the kick: otherwise a
// threshold low enough to join minutes of footage into one highlight would "find" a kick somewhere
// inside it and make no false highlight (fold 1's validation chose 0.06 that way).
export const CENTRE_TOLERANCE_S = 4;

export function judge(tl: { pieces: Piece[] }, segs: Segment[]): Judged[] {
  const kicks = tl.pieces.filter((k) => k.kind === "kick");
  const overlap = (s: Segment, p: Piece) => Math.min(s.end, p.end) - Math.max(s.start, p.start);
  const near = (s: Segment, k: Piece) => {
    const mid = (s.start + s.end) / 2;
    return mid >= k.start - CENTRE_TOLERANCE_S && mid <= k.end + CENTRE_TOLERANCE_S;
  };
  const pairs = segs
    .flatMap((s, i) => kicks.map((k, j) => ({ i, j, o: overlap(s, k), near: near(s, k) })))
    .filter((p) => p.o > 0 && p.near)
    .sort((a, b) => b.o - a.o || a.i - b.i || a.j - b.j);
  const kickOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const p of pairs) {
    if (kickOf.has(p.i) || taken.has(p.j)) continue;
    kickOf.set(p.i, p.j);
    taken.add(p.j);
  }
  return segs.map((s, i) => {
    const k = kickOf.get(i);
    let bg: Piece | undefined;
    for (const b of tl.pieces)
      if (b.kind === "background" && overlap(s, b) > 0 && (!bg || overlap(s, b) > overlap(s, bg))) bg = b;
    return {
      start: s.start,
      end: s.end,
      peak: s.peak,
      kicks: k === undefined ? [] : [kicks[k]!.path],
      covers: kicks.filter((c, j) => j !== k && overlap(s, c) > 0).map((c) => c.path),
      in: k === undefined && bg && !bg.filler ? bg.path : null,
    };
  });
}
