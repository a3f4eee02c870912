// npm run detect -- <file> [--labels penalty,…] [--json] [--model id] [--scores out.json] [--fast]
// Runs the product's analysis pipeline on one local file and prints highlight segments (seconds).
// --fast (issue #28): the keyframe pass first, then the 4-fps analysis only where it points.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { deriveAllSegments, type Segment } from "@/lib/highlights/segments";
import { logToStderr } from "@/lib/platform/logger";
import { loadModel } from "@/lib/model";
import { analyze, toTracks } from "../analysis/pipeline";
import { toScoreFile } from "../analysis/store";
import { coverage, loadCandidate } from "../analysis/candidates";
import { fastAnalyze, fastSegments } from "../analysis/fast";
import { disposeSessions } from "../inference/session";
import { mediaInfoFrom } from "../ffmpeg/media";
import { probe } from "../ffmpeg/run";

function table(segments: readonly Segment[]): string {
  const rows = segments.map((s) =>
    [
      s.label.padEnd(12),
      s.start.toFixed(2).padStart(9),
      s.end.toFixed(2).padStart(9),
      s.peak.toFixed(3).padStart(6),
      s.mean.toFixed(3).padStart(6),
    ].join("  "),
  );
  return ["label           start(s)     end(s)    peak    mean", ...rows].join("\n");
}

async function main(): Promise<void> {
  // stdout is the result (a table, or one JSON document with --json); the pipeline's pino lines are not.
  logToStderr();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      labels: { type: "string" },
      json: { type: "boolean", default: false },
      model: { type: "string" },
      // also write the window scores (the stored score-file format) for re-deriving without decoding
      scores: { type: "string" },
      fast: { type: "boolean", default: false },
    },
  });
  const input = positionals[0];
  if (!input)
    throw new Error(
      "usage: npm run detect -- <file> [--labels penalty,…] [--json] [--model id] [--scores out.json] [--fast]",
    );
  const model = await loadModel(values.model);
  const wanted = values.labels
    ? values.labels.split(",").map((l) => l.trim())
    : model.labels.filter((l) => l !== "background");
  const unknown = wanted.filter((l) => !model.labels.includes(l));
  if (unknown.length)
    throw new Error(
      `model ${model.manifest.id} has no label(s) ${unknown.join(", ")} (labels: ${model.labels.join(", ")})`,
    );
  const params = Object.fromEntries(
    wanted.map((l) => {
      const p = model.manifest.segmentDefaults[l];
      if (!p) throw new Error(`model ${model.manifest.id} has no segment defaults for "${l}"`);
      return [l, p];
    }),
  );
  const durationS = mediaInfoFrom(await probe(input)).durationS;
  // On stderr, so --json output stays one JSON document.
  process.stderr.write(
    `model ${model.manifest.id}@${model.manifest.version}, ${durationS.toFixed(1)} s of video\n`,
  );
  if (values.fast) {
    if (values.scores) throw new Error("--scores needs the whole timeline; it cannot be used with --fast");
    const candidate = await loadCandidate(model);
    if (!candidate) throw new Error(`model ${model.manifest.id} has no candidate model, so no --fast`);
    const r = await fastAnalyze({ input, model, candidate, durationS });
    process.stderr.write(
      `fast: ${r.coarse.timesS.length} ${r.coarse.sampler} frames, ${r.regions.length} regions, ${(100 * coverage(r.regions, durationS)).toFixed(1)} % of the video at 4 fps\n`,
    );
    const segments = fastSegments(r, params, durationS);
    process.stdout.write(values.json ? `${JSON.stringify(segments)}\n` : `${table(segments)}\n`);
    return;
  }
  const result = await analyze({ input, model, expectedDurationS: durationS });
  const segments = deriveAllSegments(toTracks(result.timeline), params, durationS);
  if (values.scores) writeFileSync(values.scores, JSON.stringify(toScoreFile(result.timeline)));
  process.stdout.write(values.json ? `${JSON.stringify(segments)}\n` : `${table(segments)}\n`);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`detect: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await disposeSessions();
}
