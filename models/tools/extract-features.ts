// Feature extraction for training/eval, through the product's own decode → preprocess → backbone
// code (worker/analysis/pipeline.ts), so the trainer sees exactly what serving computes.
// Usage: npx tsx models/tools/extract-features.ts [--data ../shared/data] [--out .data/model-cache] [--split test]
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readManifest, resolveFile, verifySha256, type LoadedModel } from "@/lib/model";
import { BACKBONE_BATCH, embedFrames } from "@/worker/inference/backbone";
import { disposeSessions } from "@/worker/inference/session";
import { collectFeatures } from "@/worker/analysis/pipeline";
import { samplerKey, skipFramesFor } from "@/worker/ffmpeg/sampler";
import { leadSlots } from "@/worker/ffmpeg/frames";
import { listItems, type Item } from "./groups";
import { ProbeCache } from "./probe-cache";

// Augmentations are ffmpeg filters between sampling and scaling (see worker/ffmpeg/commands.ts).
export const AUGMENTS: Record<string, string[]> = {
  orig: [],
  hflip: ["hflip"],
  crop: ["crop=iw*0.8:ih*0.8:iw*0.12:ih*0.06"],
  colour: ["eq=brightness=0.05:contrast=1.15:saturation=1.3"],
  lowres: ["scale=iw/4:ih/4:flags=bilinear"],
};
// Training clips are sampled at 2× the serving rate so the trainer can draw 4 fps sequences at two
// phases and at other speeds; val/test are sampled exactly as serving samples them.
const TRAIN_RATE_FACTOR = 2;
const STILL_AUGMENTS = ["orig", "hflip"];
// Penalty clips train on these (2026-12-07: the 1.0.0 ablation measured no benefit from crop, colour or
// lowres, and the cross-validation needs every clip decoded on 2 shared cores).
const PENALTY_AUGMENTS = ["orig", "hflip"];

export interface Entry {
  path: string;
  kind: Item["kind"];
  label: Item["label"];
  group: string;
  split: Item["split"];
  variant: string;
  rate: number;
  frames: number;
  file: string;
}

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data" },
    out: { type: "string", default: ".data/model-cache" },
    // "i/n": extract only every n-th file from the i-th (1-based), and write no index; a run
    // without --shard afterwards indexes everything (the shards' files are then cached).
    shard: { type: "string" },
    // Only this split of splits.json; default: all of them (the cross-validation needs every clip).
    split: { type: "string" },
  },
});
const shard = values.shard ? values.shard.split("/").map(Number) : null;
if (shard && !(shard.length === 2 && shard[0]! >= 1 && shard[0]! <= shard[1]!))
  throw new Error(`--shard must be i/n with 1 ≤ i ≤ n, got ${values.shard}`);
const dataDir = path.resolve(values.data!);
const outDir = path.resolve(values.out!, "features");
mkdirSync(outDir, { recursive: true });

async function backboneModel(): Promise<LoadedModel> {
  const { manifest, dir } = readManifest("penalty-lstm", [
    path.resolve("models"),
    path.resolve("../shared/models"),
  ]);
  const backboneFile = resolveFile(manifest.backbone.file, [
    dir,
    path.resolve("models"),
    path.resolve("../shared/models"),
  ]);
  await verifySha256(backboneFile, manifest.backbone.sha256);
  // Extraction never touches the head or labels; they may not exist before the first training.
  return { manifest, dir, backboneFile, headFile: "", labelsFile: "", labels: manifest.labels.names };
}

// Stills go through one ffmpeg per batch (a spawn per JPEG costs more than decoding it), with the
// same squash scaler and augment filters as readFrames; they are single frames, so no fps filter.
function stillBatch(
  model: LoadedModel,
  items: { input: string; augment: string[] }[],
): Promise<Float32Array> {
  const size = model.manifest.preprocess.size;
  const inputs = items.flatMap((it) => ["-i", it.input]);
  const chains = items.map(
    (it, i) =>
      `[${i}:v]${[...it.augment, `scale=${size}:${size}:flags=area`, "setsar=1", "format=rgb24"].join(",")}[v${i}]`,
  );
  // vstack of 224-wide frames is byte-for-byte the frames one after another in rgb24.
  const stack =
    items.length > 1
      ? `${items.map((_, i) => `[v${i}]`).join("")}vstack=inputs=${items.length}[out]`
      : "[v0]null[out]";
  const graph = `${chains.join(";")};${stack}`;
  const r = spawnSync(
    "ffmpeg",
    [
      "-v",
      "error",
      ...inputs,
      "-filter_complex",
      graph,
      "-map",
      "[out]",
      "-f",
      "rawvideo",
      "-pix_fmt",
      "rgb24",
      "pipe:1",
    ],
    { maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) throw new Error(`ffmpeg failed on stills: ${String(r.stderr)}`);
  const bytes = size * size * 3;
  if (r.stdout.length !== bytes * items.length)
    throw new Error(`expected ${items.length} still frames, got ${r.stdout.length / bytes}`);
  const frames = items.map((_, i) => new Uint8Array(r.stdout.buffer, r.stdout.byteOffset + i * bytes, bytes));
  return embedFrames(model, frames);
}

async function main() {
  const model = await backboneModel();
  const m = model.manifest;
  // "lead": clips keep no slot before the video's first picture (issue #23), as serving scores none.
  // The sampler (issue #25) picks other frames: "every" keeps the key the features had before it.
  const versionOf = (sampler: string) =>
    createHash("sha256")
      .update(JSON.stringify([m.backbone, m.preprocess, "lead", ...(sampler === "every" ? [] : [sampler])]))
      .digest("hex")
      .slice(0, 12);
  const version = versionOf(samplerKey());
  // A file is keyed by the frames its decode keeps: where the sampler leaves none out (stills, codecs
  // other than H.264) they are every frame, so its features are those of a full decode and keep that
  // key; re-extracting them under another name would decode the same frames again.
  const probes = new ProbeCache(path.join(outDir, "probe.json"));
  const keyOf = async (it: Item): Promise<string> => {
    if (it.kind === "still") return versionOf("every");
    const facts = await probes.facts(it.sha256, path.join(dataDir, it.path));
    return versionOf(skipFramesFor(facts.codec) ? samplerKey() : "every");
  };
  const items = listItems(dataDir, path.resolve("models/tools/splits.json")).filter(
    (it) => !values.split || it.split === values.split,
  );
  const index: Entry[] = [];
  const dim = m.backbone.featureDim;
  const t0 = Date.now();
  let framesDone = 0;
  // Penalty clips are cached twice over: their training variants at 2× the serving rate (any match may
  // train in a cross-validation fold, and the shipped head trains on all of them) and the original at the
  // serving rate, exactly as serving samples it (the copy that is judged). Non-penalty clips (40 min, most
  // of the decoding) are cached once, as serving samples them: the head trains and is judged on that copy.
  // Stills: all their variants.
  const keys = new Map<string, string>();
  for (const it of items) keys.set(it.path, await keyOf(it));
  probes.save();
  const jobs = items.flatMap((it) => {
    const plan =
      it.kind === "still"
        ? STILL_AUGMENTS.map((variant) => ({ variant, rate: m.sampleRate }))
        : it.label === "background"
          ? [{ variant: "orig", rate: m.sampleRate }]
          : [
              ...PENALTY_AUGMENTS.map((variant) => ({ variant, rate: m.sampleRate * TRAIN_RATE_FACTOR })),
              { variant: "orig", rate: m.sampleRate },
            ];
    return plan.map(({ variant, rate }) => ({
      it,
      variant,
      rate,
      file: `${it.sha256.slice(0, 16)}-${variant}-${rate}-${keys.get(it.path)}.f32`,
    }));
  });
  const pendingStills: typeof jobs = [];
  const flushStills = async () => {
    if (!pendingStills.length) return;
    const feats = await stillBatch(
      model,
      pendingStills.map((j) => ({ input: path.join(dataDir, j.it.path), augment: AUGMENTS[j.variant]! })),
    );
    pendingStills.forEach((j, i) =>
      writeFileSync(path.join(outDir, j.file), feats.subarray(i * dim, (i + 1) * dim)),
    );
    framesDone += pendingStills.length;
    pendingStills.length = 0;
  };
  for (const [n, j] of jobs.entries()) {
    const target = path.join(outDir, j.file);
    const entry: Entry = { ...j.it, variant: j.variant, rate: j.rate, frames: 0, file: j.file };
    index.push(entry);
    if (existsSync(target)) continue;
    if (shard && n % shard[1]! !== shard[0]! - 1) continue;
    if (j.it.kind === "still") {
      pendingStills.push(j);
      if (pendingStills.length === BACKBONE_BATCH) await flushStills();
      continue;
    }
    const input = path.join(dataDir, j.it.path);
    const facts = await probes.facts(j.it.sha256, input);
    const all = await collectFeatures({
      input,
      model,
      augment: AUGMENTS[j.variant],
      rate: j.rate,
      codec: facts.codec,
    });
    // A clip whose camera starts after its sound: the slots before its first picture are copies of it
    // (worker/ffmpeg/frames.ts leadSlots) and no served window starts there, so none is trained on.
    const lead = Math.min(all.count, leadSlots(facts.leadS, j.rate));
    writeFileSync(target, all.features.subarray(lead * dim));
    framesDone += all.count - lead;
    console.error(
      `${j.it.split} ${j.variant} ${j.it.path}: ${all.count - lead} frames (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  await flushStills();
  if (shard) {
    await disposeSessions();
    return;
  }
  for (const e of index) e.frames = readFileSync(path.join(outDir, e.file)).length / 4 / dim;
  writeFileSync(
    path.join(outDir, "index.json"),
    JSON.stringify({ version, dim, sampleRate: m.sampleRate, entries: index }, null, 1),
  );
  const s = (Date.now() - t0) / 1000;
  console.error(
    `features: ${index.length} entries, ${framesDone} new frames in ${s.toFixed(0)} s (${(framesDone / s).toFixed(1)} frames/s)`,
  );
  await disposeSessions();
}

await main();
