// Cross-validation (models/tools/cv.py): for each fold, the product's own lib/highlights/segments.ts
// turns the fold head's calibrated window scores into highlights. The operating point (enter, and exit
// with it) is chosen on the fold's VALIDATION timeline by the rule 1.2.0 used on its val split: among the
// thresholds 0.05–0.95 with ≤ budget false highlights per 10 min of broadcast non-penalty footage, those
// with the best kick recall, the middle one. The fold's judged (test) timeline is then cut at that point
// only; nothing is chosen on it.
// op "pooled": the same rule on the counts summed over every fold's validation timeline except the one
// whose validation matches are this fold's judged ones (fold k-1's): one fold's validation is 1.4–4
// broadcast minutes, where ≤ 1 false highlight per 10 min means none and the chosen points ran from 0.50 to
// 0.95. The folds' heads are calibrated (temperature), so their scores can share a threshold.
// Usage: npx tsx models/tools/cv-segments.ts <tracks.json> <segments.json>
import { readFileSync, writeFileSync } from "node:fs";
import { deriveSegments, type ScoreTrack, type SegmentParams } from "@/lib/highlights/segments";
import { judge, type Piece } from "./cv-judge";
import { choose, poolableFor, pooled } from "./cv-operating";

// Fixed by hand before any evaluation, as in 1.1.0; only enter (and exit with it) is searched. The
// shipped manifest gets the same rule (models/tools/operating.py).
const FIXED = { minLengthS: 1, mergeGapS: 2, preRollS: 1, postRollS: 1 };
function paramsFor(enter: number): SegmentParams {
  const exit = Math.max(Math.min(0.1, enter), enter - 0.2);
  return { enter, exit: Math.round(exit * 100) / 100, ...FIXED };
}

interface Timeline {
  rate: number;
  durationS: number;
  pieces: Piece[];
  p: number[];
}
interface Fold {
  fold: number;
  T: number;
  temperature: number;
  val: Timeline;
  test: Timeline;
}

const [src, dst] = process.argv.slice(2);
if (!src || !dst) throw new Error("usage: cv-segments.ts <tracks.json> <segments.json>");
const input = JSON.parse(readFileSync(src, "utf8")) as {
  budget: number;
  op?: "fold" | "pooled";
  folds: Fold[];
};

function track(tl: Timeline, T: number): ScoreTrack {
  const stride = 2;
  return {
    label: "penalty",
    times: tl.p.map((_, w) => (w * stride + T / 2) / tl.rate),
    scores: tl.p,
    stepS: stride / tl.rate,
    windowS: T / tl.rate,
  };
}

function count(tl: Timeline, T: number, enter: number) {
  const segs = judge(tl, deriveSegments(track(tl, T), paramsFor(enter), tl.durationS));
  const judged = tl.pieces.filter((b) => b.kind === "background" && b.broadcast && !b.filler);
  const bcMin = judged.reduce((n, b) => n + b.end - b.start, 0) / 60;
  const broadcast = new Set(
    tl.pieces.filter((b) => b.kind === "background" && b.broadcast).map((b) => b.path),
  );
  const falseBc = segs.filter((s) => !s.kicks.length && s.in !== null && broadcast.has(s.in)).length;
  const kicks = tl.pieces.filter((k) => k.kind === "kick");
  const found = new Set(segs.flatMap((s) => s.kicks));
  return {
    enter,
    falseBroadcast: falseBc,
    bcMin,
    per10: bcMin > 0 ? falseBc / (bcMin / 10) : 0,
    kicks: kicks.length,
    found: kicks.filter((k) => found.has(k.path)).length,
    recall: kicks.length ? kicks.filter((k) => found.has(k.path)).length / kicks.length : 1,
    segs,
  };
}
const tables = input.folds.map((f) => {
  const rows = [];
  for (let k = 5; k <= 95; k++) rows.push(count(f.val, f.T, k / 100));
  return rows;
});
const out = input.folds.map((f, i) => {
  const own = tables[i]!;
  const rows = input.op === "pooled" ? pooled(poolableFor(tables, f.fold)) : own;
  const { chosen, atBest, feasible } = choose(rows, input.budget);
  const test = count(f.test, f.T, chosen.enter);
  return {
    fold: f.fold,
    T: f.T,
    temperature: f.temperature,
    enter: chosen.enter,
    params: paramsFor(chosen.enter),
    val: {
      feasible,
      range: [atBest[0]!.enter, atBest[atBest.length - 1]!.enter],
      falseBroadcast: chosen.falseBroadcast,
      recall: chosen.recall,
    },
    test: { pieces: f.test.pieces, durationS: f.test.durationS, segments: test.segs },
    windows: (f.test as unknown as { windows: unknown }).windows,
  };
});
// The shipped head's operating point under "pooled": the same rule on every fold's validation timeline.
const all = input.op === "pooled" ? choose(pooled(tables), input.budget).chosen.enter : null;
writeFileSync(dst, JSON.stringify({ fixed: FIXED, op: input.op ?? "fold", pooledEnter: all, folds: out }));
console.error(
  `operating points chosen on each fold's validation matches: ${out.map((f) => `fold ${f.fold + 1} ${f.enter}`).join(", ")}`,
);
