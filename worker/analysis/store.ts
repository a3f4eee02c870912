import { PassThrough } from "node:stream";
import { decodeF16, encodeF16 } from "@/lib/analysis/f16";
import { ZScoreFile, type TScoreFile } from "@/lib/analysis/scores";
import { getObjectBytes, keys, putObject, uploadStream } from "@/lib/platform/storage";
import type { Chunk } from "./plan";
import type { ScoreTimeline } from "./pipeline";

// What a chunk leaves in S3 for the finaliser: its timeline (JSON) and its features (float16).

export interface ChunkMeta {
  firstFrame: number;
  frameCount: number;
  featureDim: number;
  timeline: TScoreFile;
  // Slots before the video's first picture (absent in chunks written before issue #23: none).
  leadFrames?: number;
  // Issue #25: the shot cuts and filmstrip tiles of its own slots (absent in chunks written before).
  byProducts?: { shots: number[]; tiles: number[] };
}

export function toScoreFile(t: ScoreTimeline): TScoreFile {
  const C = t.labels.length;
  return {
    version: 1,
    labels: t.labels,
    rate: t.rate,
    windowFrames: t.windowFrames,
    strideFrames: t.strideFrames,
    windows: t.windows,
    scores: Object.fromEntries(
      t.labels.map((label, c) => [
        label,
        t.windows.map((_, i) => Math.round(t.scores[i * C + c]! * 1e5) / 1e5),
      ]),
    ),
  };
}

export function fromScoreFile(f: TScoreFile): ScoreTimeline {
  const C = f.labels.length;
  const scores = new Float32Array(f.windows.length * C);
  f.labels.forEach((label, c) => f.scores[label]!.forEach((v, i) => (scores[i * C + c] = v)));
  const step = (w: number) => (w * f.strideFrames) / f.rate;
  return {
    labels: f.labels,
    rate: f.rate,
    windowFrames: f.windowFrames,
    strideFrames: f.strideFrames,
    windows: f.windows,
    startS: f.windows.map(step),
    centreS: f.windows.map((w) => step(w) + f.windowFrames / 2 / f.rate),
    scores,
  };
}

export async function writeChunk(
  ids: { videoId: string; analysisId: string },
  index: number,
  meta: ChunkMeta,
  features: Float32Array,
): Promise<void> {
  await putObject(
    keys.analysisChunk(ids.videoId, ids.analysisId, index, "f16"),
    encodeF16(features),
    "application/octet-stream",
  );
  await putObject(
    keys.analysisChunk(ids.videoId, ids.analysisId, index, "json"),
    JSON.stringify(meta),
    "application/json",
  );
}

export async function readChunkMeta(
  ids: { videoId: string; analysisId: string },
  index: number,
): Promise<ChunkMeta> {
  const bytes = await getObjectBytes(keys.analysisChunk(ids.videoId, ids.analysisId, index, "json"));
  const raw = JSON.parse(new TextDecoder().decode(bytes)) as ChunkMeta;
  return { ...raw, timeline: ZScoreFile.parse(raw.timeline) };
}

/**
 * Concatenates the chunks' features into one float16 object, keeping each frame once (chunks overlap
 * by a window). Streams chunk by chunk: memory holds one chunk, whatever the match length.
 */
export async function writeFeatures(
  ids: { videoId: string; analysisId: string },
  chunks: readonly Chunk[],
  metas: readonly ChunkMeta[],
): Promise<{ key: string; frames: number }> {
  const key = keys.features(ids.videoId, ids.analysisId);
  const body = new PassThrough();
  const done = uploadStream(key, body, "application/octet-stream");
  let frames = 0;
  try {
    for (const chunk of chunks) {
      const meta = metas[chunk.index]!;
      const all = await getObjectBytes(keys.analysisChunk(ids.videoId, ids.analysisId, chunk.index, "f16"));
      const keep = Math.min(meta.frameCount, chunk.ownFrames ?? meta.frameCount);
      const bytesPerFrame = meta.featureDim * 2;
      if (!body.write(all.subarray(0, keep * bytesPerFrame))) await new Promise((r) => body.once("drain", r));
      frames += keep;
    }
    body.end();
  } catch (err) {
    body.destroy(err as Error);
    throw err;
  }
  await done;
  return { key, frames };
}

export async function readFeatures(key: string): Promise<Float32Array> {
  return decodeF16(await getObjectBytes(key));
}
