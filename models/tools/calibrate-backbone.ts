// Activation ranges of the float backbone on real training-split frames, for the int8 backbone
// (models/tools/quantize_backbone.py, run by models/tools/quantize.sh). Runs a copy of the float graph that exposes every node output,
// on frames decoded and preprocessed exactly as serving does (readFrames + toNchw), and writes
// {tensor: [min, max]} as JSON. Only the train split is read: val/test frames never shape the model.
// Usage: npx tsx models/tools/calibrate-backbone.ts --exposed F.onnx --out ranges.json [--frames 256]
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readManifest } from "@/lib/model";
import { readFrames } from "@/worker/ffmpeg/frames";
import { maskPlane, toNchw } from "@/worker/inference/preprocess";
import { disposeSessions, getSession } from "@/worker/inference/session";
import { listItems } from "./groups";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data" },
    exposed: { type: "string" },
    out: { type: "string" },
    frames: { type: "string", default: "256" },
  },
});
if (!values.exposed || !values.out) throw new Error("--exposed and --out are required");
const dataDir = path.resolve(values.data!);
const want = Number(values.frames);
const { manifest } = readManifest("penalty-lstm", [path.resolve("models")]);
const spec = manifest.preprocess;

// Every train-split clip, penalty and background alike, sampled at the serving rate; frames are
// spread over all clips (round-robin by clip) so no single broadcast sets the ranges.
const clips = listItems(dataDir, path.resolve("models/tools/splits.json")).filter(
  (it) => it.split === "train" && it.kind === "clip",
);
const perClip = Math.max(1, Math.ceil(want / clips.length));
const frames: Uint8Array[] = [];
for (const clip of clips) {
  let n = 0;
  for await (const f of readFrames({
    input: path.join(dataDir, clip.path),
    rate: manifest.sampleRate,
    size: spec.size,
    hwaccel: null,
  })) {
    frames.push(f.rgb);
    if (++n >= perClip) break;
  }
}
console.error(`calibrating on ${frames.length} frames from ${clips.length} train-split clips`);

// Unoptimised: the float values of every node output as the graph defines them.
const session = await getSession(path.resolve(values.exposed), { optimize: false });
// A strided sample of every tensor's values (≤ SAMPLE per tensor) for percentile ranges: a few
// extreme activations would otherwise stretch a uint8 range and cost every other value precision.
const SAMPLE = 400_000;
const samples: Record<string, number[]> = {};
const ranges: Record<string, [number, number]> = {};
const B = 8;
for (let i = 0; i < frames.length; i += B) {
  const batch = frames.slice(i, i + B);
  const data = toNchw(batch, spec, batch.length);
  // The exposed float graph's own input (the manifest names the int8 graph's, which takes bytes).
  const out = await session.run({
    [session.inputNames[0]!]: { data, dims: [batch.length, 3, spec.size, spec.size] },
  });
  for (const [name, t] of Object.entries(out)) {
    const d = t.data as Float32Array;
    const keep = (samples[name] ??= []);
    const step = Math.max(1, Math.ceil((d.length * Math.ceil(frames.length / B)) / SAMPLE));
    for (let k = (i / B) % step; k < d.length; k += step) keep.push(d[k]!);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < d.length; k++) {
      const v = d[k]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const r = ranges[name];
    ranges[name] = r ? [Math.min(r[0], lo), Math.max(r[1], hi)] : [lo, hi];
  }
}
const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
const percentiles: Record<string, Record<string, [number, number]>> = {};
for (const [name, vals] of Object.entries(samples)) {
  const sorted = Float64Array.from(vals).sort();
  percentiles[name] = Object.fromEntries(
    [0.999, 0.9999, 0.99999].map((p) => [String(p), [percentile(sorted, 1 - p), percentile(sorted, p)]]),
  );
}
// The pre-processing these ranges were measured under, for quantize_backbone.py to build into the int8
// graph: the mask as maskPlane() computes it (one byte per pixel, base64), not re-derived in Python.
const preprocess = {
  size: spec.size,
  scale: spec.scale,
  offset: spec.offset,
  maskPlane: Buffer.from(maskPlane(spec.size, spec.mask)).toString("base64"),
};
writeFileSync(
  values.out,
  JSON.stringify({ frames: frames.length, preprocess, ranges, percentiles }, null, 1),
);
await disposeSessions();
