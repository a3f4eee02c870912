// `npm run bench:retrain [-- --matches 20 --minutes 90 --kicks 2]` (issue #14 item 2: a retrain of 20
// labelled matches must take ≤ 5 minutes on a 2-core CPU worker). Times one retrain job, run by one
// worker (`npm run worker`, as in production), over N whole-match-length labelled videos.
//
// No decode: like a real retrain it reads only cached features. The N videos' features.f16 are built
// from REAL cached features — the model-cache clips (models/tools/extract-features.ts) sampled at the
// serving rate, laid end to end in a seeded random order until each match is long enough, with `--kicks`
// penalty clips spread over each match and labelled as an editor's accepted kicks; every review is
// complete, so all the rest is background. The same few minutes of clips repeat across the matches, so
// the held-out verdict this prints says nothing about quality (bench:learn measures that); this bench
// measures TIME and memory at the scale of a season's worth of labels.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { encodeF16 } from "@/lib/analysis/f16";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { startRetrain } from "@/lib/learn/service";
import { defaultModelId, readManifest } from "@/lib/model";
import { closeQueues } from "@/lib/queue";
import { keys, putObject } from "@/lib/platform/storage";
import { waitFor } from "@/test/fixtures";
import { childrenOf, memoryMb } from "@/test/procs";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

const { values } = parseArgs({
  options: {
    matches: { type: "string", default: "20" },
    minutes: { type: "string", default: "90" },
    kicks: { type: "string", default: "2" },
    cache: { type: "string" },
    seed: { type: "string", default: "7" },
  },
});
const matches = Number(values.matches);
const minutes = Number(values.minutes);
const kicksPerMatch = Number(values.kicks);
const s1 = (x: number) => +x.toFixed(1);

interface CacheEntry {
  kind: string;
  label: string;
  variant: string;
  rate: number;
  frames: number;
  file: string;
}
const cache = path.resolve(values.cache ?? path.join(env().DATA_DIR, "model-cache"), "features");
let index: { dim: number; entries: CacheEntry[] };
try {
  index = JSON.parse(readFileSync(path.join(cache, "index.json"), "utf8"));
} catch {
  console.error(
    `bench:retrain needs real cached features in ${cache} (index.json + .f32 files). Make them with ` +
      "`npx tsx models/tools/extract-features.ts` (or `npm run model:train`), or pass --cache DIR.",
  );
  process.exit(2);
}
const m = readManifest(defaultModelId()).manifest;
const rate = m.sampleRate;
const dim = m.backbone.featureDim;
if (index.dim !== dim) throw new Error(`the cache has ${index.dim}-d features; the model wants ${dim}`);
// clips sampled as serving samples (the training split's are at 2× the rate), no augmentation
const clips = index.entries.filter((e) => e.kind === "clip" && e.variant === "orig" && e.rate === rate);
const kicks = clips.filter((e) => e.label === "penalty");
const others = clips.filter((e) => e.label !== "penalty");
if (kicks.length === 0 || others.length === 0)
  throw new Error(`the cache has ${kicks.length} kick and ${others.length} other clips at ${rate} fps`);
const loaded = new Map<string, Float32Array>();
const feats = (e: CacheEntry) => {
  let f = loaded.get(e.file);
  if (!f) loaded.set(e.file, (f = new Float32Array(readFileSync(path.join(cache, e.file)).buffer)));
  return f;
};

let seed = Number(values.seed);
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

/** One match's features and its kicks' [start s, end s): background clips end to end, kicks spread. */
function buildMatch(): { features: Float32Array; spans: [number, number][] } {
  const frames = Math.round(minutes * 60 * rate);
  const out = new Float32Array(frames * dim);
  const at = Array.from({ length: kicksPerMatch }, (_, k) =>
    Math.floor(((k + 0.2 + 0.6 * rnd()) * frames) / kicksPerMatch),
  );
  const spans: [number, number][] = [];
  let t = 0;
  while (t < frames) {
    const kick = at.length > 0 && t >= at[0]!;
    if (kick) at.shift();
    const e = kick ? kicks[Math.floor(rnd() * kicks.length)]! : others[Math.floor(rnd() * others.length)]!;
    const f = feats(e);
    const n = Math.min(f.length / dim, frames - t);
    out.set(f.subarray(0, n * dim), t * dim);
    if (kick) spans.push([t / rate, (t + n) / rate]);
    t += n;
  }
  return { features: out, spans };
}

const owner = await db().user.findFirstOrThrow({ where: { role: "admin" } });
const tSeed = Date.now();
console.log(
  `seeding ${matches} labelled matches of ${minutes} min (${kicksPerMatch} kicks each) from ${kicks.length} kick and ${others.length} other real clips in ${cache}…`,
);
for (let i = 0; i < matches; i++) {
  const { features, spans } = buildMatch();
  const video = await db().video.create({
    data: {
      ownerId: owner.id,
      title: `retrain bench ${i + 1}`,
      originalName: `retrain-bench-${i + 1}.mp4`,
      sourceKey: `bench-retrain/${i}-${Date.now()}`,
      size: 0n,
      ...videoLifecycle.seed("ready"),
      durationS: minutes * 60,
      fps: 25,
      reviewCompleteAt: new Date(),
    },
  });
  const a = await db().analysis.create({
    data: {
      videoId: video.id,
      modelId: m.id,
      modelVersion: m.version,
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const featuresKey = keys.features(video.id, a.id);
  await putObject(featuresKey, encodeF16(features), "application/octet-stream");
  await db().analysis.update({ where: { id: a.id }, data: { featuresKey } });
  await db().trainingLabel.createMany({
    data: spans.map(([startS, endS]) => ({
      videoId: video.id,
      analysisId: a.id,
      label: "penalty",
      kind: "positive" as const,
      origin: "accept" as const,
      startS,
      endS,
    })),
  });
}
const seedS = (Date.now() - tSeed) / 1000;
console.log(`seeded in ${s1(seedS)} s; starting the retrain…`);

const workerPid = Number(process.env.BENCH_WORKER_PID);
const t0 = Date.now();
const started = await startRetrain(owner.id);
const stages: { stage: string; atS: number }[] = [];
let trainerPeakMb = 0;
const version = await waitFor(async () => {
  const v = await db().modelVersion.findUniqueOrThrow({ where: { id: started.id } });
  // one line per stage: the per-video "(k of n)" the job adds to its stage is left out
  const stage = v.status === "training" ? (v.stage ?? "").replace(/ \(\d+ of \d+\)$/, "") : v.status;
  if (stages.at(-1)?.stage !== stage) {
    stages.push({ stage, atS: (Date.now() - t0) / 1000 });
    console.log(`  ${s1(stages.at(-1)!.atS)} s: ${stage}`);
  }
  // the PyTorch trainer is the worker's child while it runs; its RSS is sampled at each poll
  for (const c of workerPid ? childrenOf(workerPid) : [])
    trainerPeakMb = Math.max(trainerPeakMb, memoryMb(c.pid, "VmRSS"));
  return ["ready", "refused", "failed"].includes(v.status) ? v : null;
}, 3_600_000);
const totalS = (Date.now() - t0) / 1000;
const stageS = stages.map((s, i) => ({
  stage: s.stage,
  s: s1((stages[i + 1]?.atS ?? totalS) - s.atS),
}));
const workerPeakMb = workerPid ? s1(memoryMb(workerPid, "VmHWM")) : null;
console.log(`stages: ${stageS.map((s) => `${s.stage} ${s.s} s`).join("; ")}`);
console.log(
  `retrain of ${matches} × ${minutes} min: ${version.status} in ${s1(totalS)} s (target ≤ 300 s: ${totalS <= 300 ? "met" : "NOT met"}); windows ${JSON.stringify((version.examples as { windows?: unknown } | null)?.windows ?? null)}`,
);
console.log(
  `verdict (not a quality figure: the clips repeat across matches): ${version.verdict ?? version.error}`,
);
console.log(
  JSON.stringify({
    matches,
    minutes,
    kicksPerMatch,
    status: version.status,
    retrainS: s1(totalS),
    stages: stageS,
    examples: version.examples,
    workerPeakRssMb: workerPeakMb,
    trainerPeakRssMb: trainerPeakMb ? s1(trainerPeakMb) : null,
    seedS: s1(seedS),
  }),
);
await closeQueues();
await disconnectDb();
