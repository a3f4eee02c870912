// `npm run bench [-- --file F | --seconds N] [--rounds R]`: how close the analysis pipeline runs to the speed of
// the decoder alone. Makes (or takes) a 720p25 H.264 file, then times
//   (a) a bare ffmpeg decode of every frame with the same sampling, scaling and decoder flags, to /dev/null;
//   (b) the full pipeline, chunk after chunk as one worker runs it (decode → backbone → LSTM head);
//   (c) the bare decode of the frames the sampler decodes (worker/ffmpeg/sampler.ts; = (a) without B-frames).
// Issue #25's figure is (b)/(a): the analysis against decoding every frame, ≤ 0.7 with B-frames.
// `--minutes N` (issue #28) instead takes an N-minute match of real footage with kicks (bench-match.ts) and
// times (a), (b) and (d) fast analysis (keyframe pass, then (b)'s analysis only where it points),
// 3 rounds by default, with the kicks each mode finds.
// The last line is one JSON object with the figures.
//
// Both are timed --rounds times, alternating (a) (b) (a) (b) …, and the medians are compared: on a
// shared 2-core VM the same bare decode took anywhere from 8.7 to 14.6 s from one minute to the
// next, so a single (a)-then-(b) pair measured the neighbours as much as the pipeline.
import { spawn } from "node:child_process";
import { open } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/platform/env";
import { loadModel } from "@/lib/model";
import { loadavg } from "node:os";
import { frameArgs } from "@/worker/ffmpeg/commands";
import { probe } from "@/worker/ffmpeg/run";
import { videoCodecOf } from "@/worker/ffmpeg/media";
import { skipFramesFor, type SkipFrames } from "@/worker/ffmpeg/sampler";
import { analyze, mergeTimelines } from "@/worker/analysis/pipeline";
import { planChunks } from "@/worker/analysis/plan";
import { getSession } from "@/worker/inference/session";
import { benchVideo } from "./bench-video";
import { benchMatch } from "./bench-match";
import { matchBench } from "./bench-fast";
import { loadCandidate } from "@/worker/analysis/candidates";

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    seconds: { type: "string", default: "120" },
    rounds: { type: "string" },
    // Issue #28: a real-footage match of N minutes (bench-match.ts) with full and fast analysis.
    minutes: { type: "string" },
  },
});

async function bareDecode(
  file: string,
  rate: number,
  size: number,
  skipFrames?: SkipFrames,
): Promise<number> {
  const devnull = await open("/dev/null", "w");
  const t0 = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const p = spawn(env().FFMPEG_PATH, frameArgs({ input: file, rate, size, skipFrames }), {
        stdio: ["ignore", devnull.fd, "inherit"],
      });
      p.once("error", reject);
      p.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
    });
  } finally {
    await devnull.close();
  }
  return (performance.now() - t0) / 1000;
}

if (values.minutes) {
  const match = await benchMatch(Number(values.minutes));
  const model = await loadModel();
  const candidate = await loadCandidate(model);
  if (!candidate) throw new Error(`model ${model.manifest.id} has no candidate model: no fast mode to bench`);
  await analyze({ input: match.file, model, durationS: 4 }); // warm the sessions
  const result = await matchBench(match, model, candidate, Math.max(1, Number(values.rounds ?? 3)), () =>
    bareDecode(match.file, model.manifest.sampleRate, model.manifest.preprocess.size),
  );
  console.log(JSON.stringify({ ...result, load1: +loadavg()[0]!.toFixed(1) }));
  process.exit(0);
}

const file = values.file ? path.resolve(values.file) : await benchVideo(Number(values.seconds));
const probed = await probe(file);
const durationS = Number(probed.format.duration);
const skip = skipFramesFor(videoCodecOf(probed));
const model = await loadModel();
const m = model.manifest;
console.log(
  `file: ${file} (${durationS.toFixed(1)} s); model ${m.id}@${m.version}, ${m.sampleRate} fps, window ${m.window.frames}/${m.window.stride}`,
);

// Warm the ONNX sessions so (b) times steady-state work, as a long-running worker sees it.
await analyze({ input: file, model, durationS: 4 });

async function fullPipeline(): Promise<{ seconds: number; frames: number; windows: number }> {
  const t0 = performance.now();
  let frames = 0;
  const timelines = [];
  for (const c of planChunks(durationS, m.sampleRate, m.window.frames, env().ANALYZE_CHUNK_S)) {
    const r = await analyze({ input: file, model, startS: c.startS, durationS: c.durationS });
    frames += c.ownFrames ?? r.frameCount;
    timelines.push(r.timeline);
  }
  const windows = mergeTimelines(timelines).windows.length;
  return { seconds: (performance.now() - t0) / 1000, frames, windows };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const rounds = Math.max(1, Number(values.rounds ?? 5));
const decodes: number[] = [];
const pipelines: number[] = [];
const samplerDecodes: number[] = [];
let frames = 0;
let windows = 0;
for (let i = 1; i <= rounds; i++) {
  decodes.push(await bareDecode(file, m.sampleRate, m.preprocess.size));
  const p = await fullPipeline();
  pipelines.push(p.seconds);
  ({ frames, windows } = p);
  samplerDecodes.push(await bareDecode(file, m.sampleRate, m.preprocess.size, skip));
  console.log(
    `round ${i}/${rounds}: (a) bare decode ${decodes.at(-1)!.toFixed(2)} s, (b) full pipeline ${p.seconds.toFixed(2)} s, ratio ${(p.seconds / decodes.at(-1)!).toFixed(3)}; (c) sampler's decode ${samplerDecodes.at(-1)!.toFixed(2)} s`,
  );
}
const decodeS = median(decodes);
const pipelineS = median(pipelines);
console.log(`(a) bare decode:   ${decodeS.toFixed(2)} s (median of ${rounds})`);
console.log(`(b) full pipeline: ${pipelineS.toFixed(2)} s (median of ${rounds})`);
const samplerS = median(samplerDecodes);
console.log(
  `(c) sampler's bare decode (${skip ? `-skip_frame ${skip}` : "every frame"}): ${samplerS.toFixed(2)} s (median of ${rounds})`,
);
console.log(
  `analysis against a bare decode of every frame, (b)/(a): ${(pipelineS / decodeS).toFixed(3)} (issue #25: ≤ 0.7 on a source with B-frames); load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);

const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result = {
  decode_s: +decodeS.toFixed(3),
  pipeline_s: +pipelineS.toFixed(3),
  ratio: +(pipelineS / decodeS).toFixed(3),
  sampler_decode_s: +samplerS.toFixed(3),
  sampler: skip ?? "every",
  load1: +loadavg()[0]!.toFixed(1),
  realtime_x: +(durationS / pipelineS).toFixed(2),
  peak_rss_mb: +peakRssMb.toFixed(1),
  provider: (await getSession(model.backboneFile)).provider,
  rounds,
};
console.log(
  `ratio (b)/(a): ${result.ratio}   realtime: ${result.realtime_x}×   peak RSS (node): ${result.peak_rss_mb} MB`,
);
console.log(
  `per stage: decode ${(frames / decodeS).toFixed(1)} sampled frames/s alone; pipeline ${(frames / pipelineS).toFixed(1)} frames/s, ${(windows / pipelineS).toFixed(1)} windows/s`,
);
console.log(JSON.stringify(result));
process.exit(0);
