import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { keys, presignGet, putObject } from "@/lib/platform/storage";
import { filmstripSpec, filmstripVtt, planFilmstrip } from "../ffmpeg/clip-commands";
import { runFfmpeg } from "../ffmpeg/run";
import { job } from "./types";
import { jobTempDir } from "../temp";
import { videoWithdrawn } from "./cancel";
import { SPRITE_REF } from "../analysis/by-products-store";

/**
 * Trick-play thumbnails: one 160×90 tile every 10 s in one JPEG sprite, plus a WebVTT cue file. Issue
 * #25: the analysis chunks make them from their own frames now; this decode is only for an analysis
 * whose chunks were written before that (analyze-finalize queues it then).
 * It runs beside the analysis, so its graph node leaves the Video row's progress alone.
 */
export const filmstripJob = job("filmstrip", {
  cancelledBy: ({ videoId }) => videoWithdrawn(videoId),
  options: { concurrency: 1, timeoutMs: 60 * 60_000 },

  async handle({ videoId }, ctx) {
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "filmstrip" });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) return log.info("video is gone; no filmstrip");
    if (!video.durationS) return log.warn("video has no duration; no filmstrip");
    const plan = planFilmstrip(video.durationS);
    const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 6 * 3600 });
    const dir = await jobTempDir("filmstrip");
    try {
      const sprite = path.join(dir, SPRITE_REF);
      await runFfmpeg({ ...filmstripSpec(url, plan, sprite), niceness: ctx.niceness }, ctx.signal);
      const spriteKey = keys.filmstripSprite(videoId);
      const vttKey = keys.filmstripVtt(videoId);
      await putObject(spriteKey, await readFile(sprite), "image/jpeg");
      await putObject(vttKey, filmstripVtt(plan, video.durationS, SPRITE_REF), "text/vtt");
      await db().video.updateMany({
        where: { id: videoId },
        data: { filmstripSpriteKey: spriteKey, filmstripVttKey: vttKey },
      });
      log.info({ tiles: plan.count, intervalS: plan.intervalS }, "filmstrip ready");
      return { tiles: plan.count };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});
