import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { db } from "@/lib/platform/db";
import type { Video } from "@/lib/generated/prisma/client";
import { childLogger } from "@/lib/platform/logger";
import { keys, listObjects, presignGet, uploadStream } from "@/lib/platform/storage";
import { proxyPieceCount, proxyPieceSpan, proxyPieceSpec, remuxSpec } from "../ffmpeg/proxy-commands";
import { runFfmpeg } from "../ffmpeg/run";
import { job, type JobContext } from "./types";
import { jobTempDir } from "../temp";
import { videoWithdrawn } from "./cancel";

/**
 * Issue #25: one piece of the review room's proxy, for a source the browser cannot play or seek well
 * (decided at probe, worker/ffmpeg/playable.ts). Each piece is one HLS segment and one job, so a
 * background encode gives its CPU slot back between pieces, and the player plays the pieces made so far
 * (lib/videos/proxy-playlist.ts).
 *
 * A source whose only fault is its MP4 index at the end (mode "remux") gets one piece: its streams copied
 * into an MP4 with the index first, stored as the video's whole-file proxy.
 *
 * It runs beside the analysis, so its graph node leaves the Video row's progress alone (videoProgress:
 * false). A failure is recorded on proxyError only; the page keeps playing the source.
 */
export const proxyJob = job("proxy", {
  cancelledBy: ({ videoId }) => videoWithdrawn(videoId),
  options: { concurrency: 1, timeoutMs: 60 * 60_000 },

  async handle({ videoId, piece = 0 }, ctx) {
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "proxy", piece });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) return log.info("video is gone; no proxy");
    if (!video.durationS || !video.fps || !video.width || !video.height) {
      return log.warn("video is not probed; no proxy");
    }
    if (video.playback === "remux") return remux(video, ctx, log);
    const pieces = video.proxyPieces ?? proxyPieceCount(video.durationS);
    if (piece >= pieces) return log.warn({ pieces }, "no such proxy piece");
    const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 6 * 3600 });
    const dir = await jobTempDir("proxy");
    try {
      const out = path.join(dir, "piece.ts");
      const started = Date.now();
      const input = {
        width: video.width,
        height: video.height,
        rotation: video.rotation ?? 0,
        fps: video.fps,
        hasAudio: video.hasAudio ?? false,
      };
      const spec = proxyPieceSpec(url, input, proxyPieceSpan(piece, video.durationS), out);
      await runFfmpeg({ ...spec, niceness: ctx.niceness }, ctx.signal);
      await uploadStream(keys.proxyPiece(videoId, piece), createReadStream(out), "video/mp2t");
      // A retried piece must not count twice: the count is of the pieces stored, read back from S3.
      const done = await countPieces(videoId);
      await db().video.updateMany({
        where: { id: videoId },
        data: { proxyPieces: pieces, proxyPiecesDone: done, proxyError: null },
      });
      log.info({ done, pieces, ms: Date.now() - started }, "proxy piece ready");
      return { piece, done, pieces };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  async onFailed({ videoId, piece = 0 }, message) {
    await db().video.updateMany({
      where: { id: videoId },
      data: { proxyError: `piece ${piece + 1}: ${message}` },
    });
  },
});

/** Mode "remux": the streams copied, no decode, into the whole-file proxy (keys.proxy). */
async function remux(
  video: Pick<Video, "id" | "sourceKey" | "hasAudio">,
  ctx: Pick<JobContext, "niceness" | "signal">,
  log: Logger,
) {
  const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 6 * 3600 });
  const dir = await jobTempDir("proxy");
  try {
    const out = path.join(dir, "remux.mp4");
    const started = Date.now();
    await runFfmpeg({ ...remuxSpec(url, video.hasAudio ?? false, out), niceness: ctx.niceness }, ctx.signal);
    const proxyKey = keys.proxy(video.id);
    await uploadStream(proxyKey, createReadStream(out), "video/mp4");
    await db().video.updateMany({
      where: { id: video.id },
      data: { proxyKey, proxyPieces: 1, proxyPiecesDone: 1, proxyError: null },
    });
    log.info({ ms: Date.now() - started }, "remux ready");
    return { piece: 0, done: 1, pieces: 1 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function countPieces(videoId: string): Promise<number> {
  return (await listObjects(keys.proxyPieces(videoId))).filter((o) => o.key.endsWith(".ts")).length;
}
