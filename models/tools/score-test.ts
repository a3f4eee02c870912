// Scores every held-out window through the product's own head path (ONNX via onnxruntime-node,
// worker/analysis/pipeline.ts scoreFeatures) and measures head/backbone throughput.
// Usage: npx tsx models/tools/score-test.ts [--split test] [--cache .data/model-cache] [--out file.json]
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadModel } from "@/lib/model";
import { scoreFeatures } from "@/worker/analysis/pipeline";
import { BACKBONE_BATCH, embedFrames } from "@/worker/inference/backbone";
import { scoreWindows } from "@/worker/inference/head";
import { disposeSessions } from "@/worker/inference/session";
import type { Entry } from "./extract-features";

const { values } = parseArgs({
  options: {
    split: { type: "string", default: "test" },
    cache: { type: "string", default: ".data/model-cache" },
    out: { type: "string", default: ".data/model-cache/test-scores.json" },
    model: { type: "string" },
  },
});

const model = await loadModel(values.model);
const dir = path.resolve(values.cache!, "features");
const index = JSON.parse(readFileSync(path.join(dir, "index.json"), "utf8")) as {
  dim: number;
  entries: (Entry & { sha256: string })[];
};
const pIdx = model.labels.indexOf("penalty");
const rows: { path: string; group: string; kind: string; y: number; p: number[] }[] = [];
for (const e of index.entries.filter(
  (x) => x.split === values.split && x.variant === "orig" && x.frames > 0,
)) {
  const buf = readFileSync(path.join(dir, e.file));
  const features = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  // A still is one frame: as a whole source it becomes one static window, as in the trainer.
  const t = await scoreFeatures(model, { firstFrame: 0, count: e.frames, features }, true, e.rate);
  const C = model.labels.length;
  for (let i = 0; i < t.windows.length; i++) {
    rows.push({
      path: e.path,
      group: e.group,
      kind: e.kind,
      y: e.label === "penalty" ? pIdx : 1 - pIdx,
      p: Array.from(t.scores.subarray(i * C, (i + 1) * C)),
    });
  }
}

// Throughput: the head on 4096 windows in batches of 256, the backbone on 64 frames in its batches.
const { frames: T } = model.manifest.window;
const D = model.manifest.backbone.featureDim;
const B = 256;
const batch = new Float32Array(B * T * D).map((_, i) => (i % 97) / 50);
await scoreWindows(model, batch, B);
let t0 = performance.now();
for (let i = 0; i < 16; i++) await scoreWindows(model, batch, B);
const windowsPerS = (16 * B) / ((performance.now() - t0) / 1000);
const size = model.manifest.preprocess.size;
const frames = Array.from({ length: BACKBONE_BATCH }, (_, k) =>
  new Uint8Array(size * size * 3).map((_, i) => (i * 7 + k) % 256),
);
await embedFrames(model, frames);
t0 = performance.now();
for (let i = 0; i < 8; i++) await embedFrames(model, frames);
const framesPerS = (8 * BACKBONE_BATCH) / ((performance.now() - t0) / 1000);

writeFileSync(
  values.out!,
  JSON.stringify({
    labels: model.labels,
    threshold: model.manifest.segmentDefaults.penalty?.enter,
    windowsPerS,
    framesPerS,
    rows,
  }),
);
console.error(
  `scored ${rows.length} ${values.split} windows; head ${windowsPerS.toFixed(0)} windows/s, backbone ${framesPerS.toFixed(1)} frames/s`,
);
await disposeSessions();
