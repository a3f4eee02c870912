import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { getObjectBytes, keys, putObject } from "@/lib/platform/storage";
import { filmstripVtt, planFilmstrip, TILE_H, TILE_W, type FilmstripPlan } from "../ffmpeg/clip-commands";
import { runFfmpeg } from "../ffmpeg/run";
import { jobTempDir } from "../temp";
import { TILE_BYTES, type ByProductPlan, type ByProducts } from "./by-products";
import type { Chunk } from "./plan";
import type { ChunkMeta } from "./store";

// Issue #25: what the analysis chunks keep besides scores and features (worker/analysis/by-products.ts),
// stored next to them, and turned by the finaliser into the review room's filmstrip and shot cuts.

// The VTT names the sprite relatively; GET /api/videos/[id]/filmstrip.vtt swaps in a presigned URL.
export const SPRITE_REF = "sprite.jpg";

interface VideoShape {
  durationS: number | null;
  width: number | null;
  height: number | null;
  rotation: number | null;
}

/** What a chunk of this video collects, or null when the video has no duration to plan tiles on. */
export function byProductPlanOf(
  chunk: Chunk,
  video: VideoShape,
  model: { rate: number; size: number },
): ByProductPlan | null {
  if (!video.durationS) return null;
  const turned = (video.rotation ?? 0) % 180 !== 0;
  const w = (turned ? video.height : video.width) ?? 16;
  const h = (turned ? video.width : video.height) ?? 9;
  return {
    rate: model.rate,
    ownFirst: chunk.firstFrame,
    ownEnd: chunk.ownFrames === undefined ? Infinity : chunk.firstFrame + chunk.ownFrames,
    size: model.size,
    tiles: planFilmstrip(video.durationS),
    aspect: w / h,
  };
}

export async function writeChunkTiles(
  ids: { videoId: string; analysisId: string },
  index: number,
  got: ByProducts,
): Promise<void> {
  const key = keys.analysisChunk(ids.videoId, ids.analysisId, index, "tiles");
  await putObject(key, got.pixels, "application/octet-stream");
}

/** All chunks' tiles in tile order as one rgb24 stream; a tile no chunk decoded stays black. */
async function allTiles(
  ids: { videoId: string; analysisId: string },
  chunks: readonly Chunk[],
  metas: readonly ChunkMeta[],
  plan: FilmstripPlan,
): Promise<Uint8Array> {
  const out = new Uint8Array(plan.count * TILE_BYTES);
  for (const chunk of chunks) {
    const tiles = metas[chunk.index]?.byProducts?.tiles ?? [];
    if (tiles.length === 0) continue;
    const px = await getObjectBytes(keys.analysisChunk(ids.videoId, ids.analysisId, chunk.index, "tiles"));
    tiles.forEach((n, i) => {
      if (n < plan.count) out.set(px.subarray(i * TILE_BYTES, (i + 1) * TILE_BYTES), n * TILE_BYTES);
    });
  }
  return out;
}

/**
 * The filmstrip sprite + WebVTT and the shot-cut file from the chunks' by-products, set on the video.
 * False when a chunk was written without them (an analysis started before issue #25).
 */
export async function storeByProducts(
  ids: { videoId: string; analysisId: string },
  durationS: number,
  chunks: readonly Chunk[],
  metas: readonly ChunkMeta[],
  signal: AbortSignal,
): Promise<boolean> {
  if (!(durationS > 0) || metas.some((m) => !m.byProducts)) return false;
  const plan = planFilmstrip(durationS);
  const dir = await jobTempDir("filmstrip");
  try {
    const raw = path.join(dir, "tiles.rgb");
    const sprite = path.join(dir, SPRITE_REF);
    await writeFile(raw, await allTiles(ids, chunks, metas, plan));
    const spec = {
      input: raw,
      inputOptions: ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", `${TILE_W}x${TILE_H}`],
      output: sprite,
      outputOptions: ["-vf", `tile=${plan.cols}x${plan.rows}`, "-frames:v", "1", "-q:v", "5", "-y"],
    };
    await runFfmpeg(spec, signal);
    const spriteKey = keys.filmstripSprite(ids.videoId);
    const vttKey = keys.filmstripVtt(ids.videoId);
    await putObject(spriteKey, await readFile(sprite), "image/jpeg");
    await putObject(vttKey, filmstripVtt(plan, durationS, SPRITE_REF), "text/vtt");
    const shots = [...new Set(metas.flatMap((m) => m.byProducts?.shots ?? []))].sort((a, b) => a - b);
    const shotsKey = keys.shots(ids.videoId, ids.analysisId);
    await putObject(shotsKey, JSON.stringify({ version: 1, shots }), "application/json");
    await db().video.updateMany({
      where: { id: ids.videoId },
      data: { filmstripSpriteKey: spriteKey, filmstripVttKey: vttKey, shotsKey },
    });
    return true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
