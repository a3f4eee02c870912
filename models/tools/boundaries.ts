// Boundary error of the match test's highlights with and without localising edges inside the windows
// (lib/highlights/segments.ts localisedEdges), from the window scores `npm run detect -- --scores` wrote.
// Usage: npx tsx models/tools/boundaries.ts <truth.json> <scores.json> [--model penalty-lstm]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ZScoreFile, tracksOf } from "@/lib/analysis/scores";
import { deriveSegments, type ScoreTrack } from "@/lib/highlights/segments";
import { readManifest } from "@/lib/model";
import path from "node:path";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: "string", default: "penalty-lstm" } },
});
const [truthFile, scoresFile] = positionals;
if (!truthFile || !scoresFile)
  throw new Error("usage: boundaries.ts <truth.json> <scores.json> [--model id]");
const truth = JSON.parse(readFileSync(truthFile, "utf8")) as {
  durationS: number;
  kicks: { start: number; end: number }[];
};
const file = ZScoreFile.parse(JSON.parse(readFileSync(scoresFile, "utf8")));
const { manifest } = readManifest(values.model!, [path.resolve("models"), path.resolve("../shared/models")]);
const params = manifest.segmentDefaults.penalty!;
const track = tracksOf(file).find((t) => t.label === "penalty")!;

function errors(t: ScoreTrack) {
  const segs = deriveSegments(t, params, truth.durationS);
  const s: number[] = [];
  const e: number[] = [];
  for (const k of truth.kicks) {
    const ov = segs.filter((x) => x.start < k.end && x.end > k.start);
    if (!ov.length) continue;
    s.push(Math.min(...ov.map((x) => x.start)) + params.preRollS - k.start);
    e.push(Math.max(...ov.map((x) => x.end)) - params.postRollS - k.end);
  }
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  const abs = (a: number[]) => mean(a.map(Math.abs));
  return `${s.length}/${truth.kicks.length} kicks, ${segs.length} segments; start |Δ| ${abs(s).toFixed(2)} s (signed ${mean(s).toFixed(2)}), end |Δ| ${abs(e).toFixed(2)} s (signed ${mean(e).toFixed(2)}), net of the ${params.preRollS}/${params.postRollS} s roll`;
}
console.log(`window union (no localisation): ${errors({ ...track, windowS: undefined })}`);
console.log(`localised edges:                ${errors(track)}`);
