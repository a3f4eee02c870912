import type { ScoreTrack } from "@/lib/highlights/segments";
import { calibrate, type LoadedModel } from "@/lib/model";
import { videoFactsOf } from "../ffmpeg/ffprobe";
import { leadSlots, readFrames, type Frame } from "../ffmpeg/frames";
import { BACKBONE_BATCH, embedFrames } from "../inference/backbone";
import { scoreWindows } from "../inference/head";
import { prefetch } from "./prefetch";
import { blockWindows, gatherSpans, windowCentreS, windowStartS, type WindowGrid } from "./windows";

export interface AnalyzeOptions {
  input: string; // local path or (presigned) http(s) URL
  model: LoadedModel;
  // A time chunk; startS must be a multiple of 1/sampleRate. Omit both for the whole source.
  startS?: number;
  durationS?: number;
  // Length of the part being analysed, for progress; defaults to durationS.
  expectedDurationS?: number;
  signal?: AbortSignal;
  onProgress?: (pct: number) => void;
  // Training only: ffmpeg filters applied after sampling, and a different sample rate.
  augment?: readonly string[];
  rate?: number;
  // Where the video's first picture is (worker/ffmpeg/media.ts videoLeadS); probed when omitted.
  leadS?: number;
  // The video codec, which decides the frames the sampler decodes (worker/ffmpeg/sampler.ts); probed
  // when omitted.
  codec?: string;
  // Issue #25: sees every decoded frame before it is scored (the chunk's filmstrip tiles and shot cuts).
  onFrame?: (frame: Frame) => void;
}

export interface FeatureBlock {
  firstFrame: number;
  count: number;
  features: Float32Array; // [count × featureDim]
}

export interface ScoreTimeline {
  labels: string[];
  rate: number;
  windowFrames: number;
  strideFrames: number;
  windows: number[]; // global window indices (sorted)
  startS: number[];
  centreS: number[];
  scores: Float32Array; // [windows × labels]
}

export interface AnalysisResult {
  firstFrame: number;
  frameCount: number;
  featureDim: number;
  features: Float32Array;
  timeline: ScoreTimeline;
  // Slots before the first picture: they hold a copy of it, and no window starts in them.
  leadFrames: number;
}

// Decoded frames wait here while a batch is scored: decode runs ahead by up to this many (38 MB of
// 224² rgb24), so a burst of slow batches does not stall ffmpeg on a full pipe. With 32 the decoder
// waited on inference: median ratio to the bare decode 1.25 vs 1.14-1.16 with 256 (bench, 2 cores).
const PREFETCH_FRAMES = 32 * BACKBONE_BATCH;

export function gridOf(model: LoadedModel, rate = model.manifest.sampleRate): WindowGrid {
  return { frames: model.manifest.window.frames, stride: model.manifest.window.stride, rate };
}

async function* batchesOf(frames: AsyncIterable<Frame>, size: number): AsyncGenerator<Frame[]> {
  let batch: Frame[] = [];
  for await (const f of frames) {
    batch.push(f);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

// Per-frame backbone features, in order, streamed batch by batch.
export async function* streamFeatures(o: AnalyzeOptions): AsyncGenerator<FeatureBlock> {
  const m = o.model.manifest;
  const rate = o.rate ?? m.sampleRate;
  const frames = readFrames({
    input: o.input,
    rate,
    size: m.preprocess.size,
    startS: o.startS,
    durationS: o.durationS,
    augment: o.augment,
    signal: o.signal,
    codec: o.codec,
  });
  const span = o.expectedDurationS ?? o.durationS;
  for await (const batch of batchesOf(prefetch(frames, PREFETCH_FRAMES), BACKBONE_BATCH)) {
    o.signal?.throwIfAborted();
    if (o.onFrame) for (const f of batch) o.onFrame(f);
    const features = await embedFrames(
      o.model,
      batch.map((f) => f.rgb),
    );
    const last = batch[batch.length - 1]!;
    if (span && o.onProgress)
      o.onProgress(Math.min(100, (100 * (last.timeS + 1 / rate - (o.startS ?? 0))) / span));
    yield { firstFrame: batch[0]!.index, count: batch.length, features };
  }
}

export function concatBlocks(blocks: readonly FeatureBlock[], dim: number): FeatureBlock {
  const count = blocks.reduce((n, b) => n + b.count, 0);
  const features = new Float32Array(count * dim);
  let at = 0;
  for (const b of blocks) {
    features.set(b.features, at);
    at += b.features.length;
  }
  return { firstFrame: blocks[0]?.firstFrame ?? 0, count, features };
}

// Windows per head run when re-scoring stored features: 1,024 × 16 × 1,280 floats is 84 MB, where a
// 90-minute match's 10,800 windows at once were 0.9 GB (a retrain scores several held-out matches).
export const SCORE_BATCH_WINDOWS = 1024;

// Re-scores stored features with a head alone (no decoding): used after a model swap and by eval.
// `wholeSource` lets a source shorter than one window still get one (padded) window.
export async function scoreFeatures(
  model: LoadedModel,
  block: FeatureBlock,
  wholeSource: boolean,
  rate = model.manifest.sampleRate,
  leadFrames = 0,
): Promise<ScoreTimeline> {
  const grid = gridOf(model, rate);
  const dim = model.manifest.backbone.featureDim;
  const C = model.labels.length;
  const spans = blockWindows(grid, block.firstFrame, block.count, wholeSource, leadFrames);
  const probs = new Float32Array(spans.length * C);
  for (let i = 0; i < spans.length; i += SCORE_BATCH_WINDOWS) {
    const part = spans.slice(i, i + SCORE_BATCH_WINDOWS);
    const data = gatherSpans(part, grid.frames, block.features, block.firstFrame, block.count, dim);
    probs.set(await scoreWindows(model, data, part.length, { transferInput: true }), i * C);
  }
  // Stored scores, sliders, highlight peaks and thresholds all speak calibrated probability.
  const scores = calibrate(model.manifest.calibration, probs, model.labels.length);
  return {
    labels: model.labels,
    rate,
    windowFrames: grid.frames,
    strideFrames: grid.stride,
    windows: spans.map((s) => s.window),
    startS: spans.map((s) => windowStartS(grid, s.window)),
    centreS: spans.map((s) => windowCentreS(grid, s.window)),
    scores,
  };
}

// All of a source's (or chunk's) features as one block.
export async function collectFeatures(o: AnalyzeOptions): Promise<FeatureBlock> {
  const blocks: FeatureBlock[] = [];
  for await (const b of streamFeatures(o)) blocks.push(b);
  return concatBlocks(blocks, o.model.manifest.backbone.featureDim);
}

// Decode → backbone → head for one source or one chunk of it.
export async function analyze(o: AnalyzeOptions): Promise<AnalysisResult> {
  const dim = o.model.manifest.backbone.featureDim;
  const rate = o.rate ?? o.model.manifest.sampleRate;
  // One probe for both facts (a chunk's presigned URL is otherwise probed twice).
  const facts = o.leadS === undefined || o.codec === undefined ? await videoFactsOf(o.input) : undefined;
  const leadFrames = leadSlots(o.leadS ?? facts!.leadS, rate);
  const all = await collectFeatures({ ...o, codec: o.codec ?? facts!.codec });
  const wholeSource = (o.startS ?? 0) === 0 && o.durationS === undefined;
  const timeline = await scoreFeatures(o.model, all, wholeSource, rate, leadFrames);
  o.onProgress?.(100);
  return {
    firstFrame: all.firstFrame,
    frameCount: all.count,
    featureDim: dim,
    features: all.features,
    timeline,
    leadFrames,
  };
}

// Chunks overlap by one window, so neighbours score some windows twice (identically): keep one.
export function mergeTimelines(parts: readonly ScoreTimeline[]): ScoreTimeline {
  if (parts.length === 0) throw new Error("no timelines to merge");
  const C = parts[0]!.labels.length;
  const byWindow = new Map<number, { startS: number; centreS: number; scores: Float32Array }>();
  for (const p of parts) {
    p.windows.forEach((w, i) => {
      if (!byWindow.has(w)) {
        byWindow.set(w, {
          startS: p.startS[i]!,
          centreS: p.centreS[i]!,
          scores: p.scores.slice(i * C, (i + 1) * C),
        });
      }
    });
  }
  const windows = [...byWindow.keys()].sort((a, b) => a - b);
  const scores = new Float32Array(windows.length * C);
  windows.forEach((w, i) => scores.set(byWindow.get(w)!.scores, i * C));
  return {
    ...parts[0]!,
    windows,
    startS: windows.map((w) => byWindow.get(w)!.startS),
    centreS: windows.map((w) => byWindow.get(w)!.centreS),
    scores,
  };
}

// One track per label for lib/highlights/segments.ts (which is browser-safe and knows no models).
export function toTracks(t: ScoreTimeline): ScoreTrack[] {
  const C = t.labels.length;
  return t.labels.map((label, c) => ({
    label,
    times: t.centreS,
    scores: Array.from({ length: t.windows.length }, (_, i) => t.scores[i * C + c]!),
    stepS: t.strideFrames / t.rate,
    windowS: t.windowFrames / t.rate,
  }));
}
