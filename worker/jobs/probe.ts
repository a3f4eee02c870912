import { rm } from "node:fs/promises";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { keys, presignGet, putObject } from "@/lib/platform/storage";
import { UnplayableError } from "../ffmpeg/media";
import { proxyPieceCount } from "../ffmpeg/proxy-commands";
import { headOf, inspect, makePoster } from "./probe-inspect";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { job, PermanentError } from "./types";
import { jobTempDir } from "../temp";
import { videoWithdrawn } from "./cancel";

export const probeJob = job("probe", {
  cancelledBy: ({ videoId }) => videoWithdrawn(videoId),
  options: { concurrency: 2, timeoutMs: 5 * 60_000 },

  async handle({ videoId }, ctx) {
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "probe" });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) {
      log.info("video is gone; nothing to probe");
      return;
    }
    await ctx.reportProgress("probing", 0);
    // ffprobe/ffmpeg read through a short-lived URL with range requests: no full download.
    const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 3600 });
    const dir = await jobTempDir("probe");
    try {
      const info = await asPermanent(async () =>
        inspect(url, await headOf(video.sourceKey, Number(video.size))),
      );
      await ctx.reportProgress("probing", 0.5);
      const poster = await asPermanent(() => makePoster(url, info.durationS, dir, ctx.signal));
      const posterKey = keys.poster(videoId);
      await putObject(posterKey, poster, "image/jpeg");
      const { playback, ...facts } = info;
      const probed = {
        ...facts,
        posterKey,
        playback: playback.mode,
        playbackReason: playback.reason,
        proxyPieces:
          playback.mode === "proxy" ? proxyPieceCount(facts.durationS) : playback.mode === "remux" ? 1 : null,
      };
      // filmstrip and proxy follow from analyze, once its chunks are queued (lib/pipeline/graph.ts)
      await ctx.commit(
        async (tx) =>
          (await videoLifecycle.probed(videoId, probed, tx)) && {
            next: [{ job: "analyze" as const, data: { videoId } }],
          },
      );
      log.info({ durationS: info.durationS, width: info.width, height: info.height, playback }, "probed");
      return { ...info };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  async onFailed({ videoId }, message) {
    await videoLifecycle.failed(videoId, message);
  },
});

async function asPermanent<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UnplayableError) throw new PermanentError(err.message);
    throw err;
  }
}
