// `npm run bench [-- --file F | --seconds N]`: how close the analysis pipeline runs to the speed of
// the decoder alone. Makes (or takes) a 720p25 H.264 file, then times
//   (a) a bare ffmpeg decode with the same sampling, scaling and decoder flags, piped to /dev/null;
//   (b) the full pipeline, chunk after chunk as one worker runs it (decode → backbone → LSTM head).
// The last line is one JSON object with the figures.
import { spawn } from "node:child_process";
import { open } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "../lib/env";
import { loadModel } from "../lib/model";
import { frameArgs } from "../worker/ffmpeg/commands";
import { probe } from "../worker/ffmpeg/run";
import { analyze, mergeTimelines } from "../worker/analysis/pipeline";
import { planChunks } from "../worker/analysis/plan";
import { getSession } from "../worker/inference/session";
import { benchVideo } from "./bench-video";

const { values } = parseArgs({
  options: { file: { type: "string" }, seconds: { type: "string", default: "120" } },
});

async function bareDecode(file: string, rate: number, size: number): Promise<number> {
  const devnull = await open("/dev/null", "w");
  const t0 = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const p = spawn(env().FFMPEG_PATH, frameArgs({ input: file, rate, size }), {
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

const file = values.file ? path.resolve(values.file) : await benchVideo(Number(values.seconds));
const durationS = Number((await probe(file)).format.duration);
const model = await loadModel();
const m = model.manifest;
console.log(
  `file: ${file} (${durationS.toFixed(1)} s); model ${m.id}@${m.version}, ${m.sampleRate} fps, window ${m.window.frames}/${m.window.stride}`,
);

// Warm the ONNX sessions so (b) times steady-state work, as a long-running worker sees it.
await analyze({ input: file, model, durationS: 4 });

const decodeS = await bareDecode(file, m.sampleRate, m.preprocess.size);
console.log(`(a) bare decode:   ${decodeS.toFixed(2)} s`);

const t0 = performance.now();
let frames = 0;
const timelines = [];
for (const c of planChunks(durationS, m.sampleRate, m.window.frames, env().ANALYZE_CHUNK_S)) {
  const r = await analyze({ input: file, model, startS: c.startS, durationS: c.durationS });
  frames += c.ownFrames ?? r.frameCount;
  timelines.push(r.timeline);
}
const windows = mergeTimelines(timelines).windows.length;
const pipelineS = (performance.now() - t0) / 1000;
console.log(`(b) full pipeline: ${pipelineS.toFixed(2)} s`);

const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result = {
  decode_s: +decodeS.toFixed(3),
  pipeline_s: +pipelineS.toFixed(3),
  ratio: +(pipelineS / decodeS).toFixed(3),
  realtime_x: +(durationS / pipelineS).toFixed(2),
  peak_rss_mb: +peakRssMb.toFixed(1),
  provider: (await getSession(model.backboneFile)).provider,
};
console.log(
  `ratio (b)/(a): ${result.ratio}   realtime: ${result.realtime_x}×   peak RSS (node): ${result.peak_rss_mb} MB`,
);
console.log(
  `per stage: decode ${(frames / decodeS).toFixed(1)} sampled frames/s alone; pipeline ${(frames / pipelineS).toFixed(1)} frames/s, ${(windows / pipelineS).toFixed(1)} windows/s`,
);
console.log(JSON.stringify(result));
process.exit(0);
