// Near-live scoring of one segment: decode → backbone → LSTM head over the windows that became complete.
// A rolling tail of the previous window-1 frames' features is prepended, so a window straddling two
// segments is scored whole, and frame indices continue globally from the start of the stream: the
// timeline uses the same window grid as an offline analysis of the recording.
import type { LoadedModel } from "@/lib/model";
import { collectFeatures, scoreFeatures } from "../analysis/pipeline";
import { servingModel } from "../analysis/models";
import { hardwareDecoder } from "../ffmpeg/hwaccel";
import { embedFrames } from "../inference/backbone";

export interface SegmentScoring {
  // frames decoded (≤ slots); missing slots at the end repeat the last frame
  decoded: number;
  windows: number[];
  labels: string[];
  scores: Float32Array; // [windows × labels]
  tail: Float32Array; // features of the last ≤ window-1 frames
  tailFrames: number;
}

export async function scoreSegment(o: {
  model: LoadedModel;
  file: string;
  // global slot index of the segment's first frame, and how many slots it owns
  firstFrame: number;
  slots: number;
  tail: Float32Array | null;
  tailFrames: number;
  signal?: AbortSignal;
}): Promise<SegmentScoring> {
  const m = o.model.manifest;
  const dim = m.backbone.featureDim;
  // The offline pipeline's own decode and batching (frame indices from 0 within the segment), so the
  // features are the ones an offline analysis of the segment gets; inference runs off the JS thread,
  // so ffmpeg keeps decoding while a batch is scored.
  const own = await collectFeatures({
    input: o.file,
    model: o.model,
    durationS: o.slots / m.sampleRate,
    signal: o.signal,
  });
  const decoded = Math.min(own.count, o.slots);
  if (decoded === 0) throw new Error("no frames could be decoded from the segment");

  const tailFrames = o.tail ? o.tailFrames : 0;
  const count = tailFrames + o.slots;
  const features = new Float32Array(count * dim);
  if (o.tail && tailFrames > 0) features.set(o.tail.subarray(0, tailFrames * dim));
  features.set(own.features.subarray(0, decoded * dim), tailFrames * dim);
  // A segment a few ms shorter than its EXTINF leaves its last slot(s) empty: repeat the last frame,
  // as the trainer pads, rather than shifting every later frame's time.
  const last = own.features.subarray((decoded - 1) * dim, decoded * dim);
  for (let k = decoded; k < o.slots; k++) features.set(last, (tailFrames + k) * dim);

  const block = { firstFrame: o.firstFrame - tailFrames, count, features };
  const timeline = await scoreFeatures(o.model, block, false);
  const keep = Math.min(m.window.frames - 1, count);
  return {
    decoded,
    windows: timeline.windows,
    labels: timeline.labels,
    scores: timeline.scores,
    tail: features.slice((count - keep) * dim),
    tailFrames: keep,
  };
}

export function toSegmentScores(s: Pick<SegmentScoring, "windows" | "labels" | "scores">) {
  const C = s.labels.length;
  return {
    windows: s.windows,
    scores: Object.fromEntries(
      s.labels.map((l, c) => [l, s.windows.map((_, i) => Math.round(s.scores[i * C + c]! * 1e5) / 1e5)]),
    ),
  };
}

/**
 * Loads the default model in its active version, as live scoring will (files checked once per process;
 * worker/live/model.ts), creates its inference sessions and runs each
 * once on blank input (first runs allocate), and settles which decoder ffmpeg uses.
 */
export async function warmUpScoring(): Promise<void> {
  await hardwareDecoder();
  const { model } = await servingModel(undefined);
  const m = model.manifest;
  const features = await embedFrames(model, [new Uint8Array(m.preprocess.size ** 2 * 3)]);
  const count = m.window.frames;
  const block = { firstFrame: 0, count, features: new Float32Array(count * m.backbone.featureDim) };
  block.features.set(features);
  await scoreFeatures(model, block, true);
}
