import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { clipLifecycle } from "@/lib/clips/lifecycle";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { deletePrefix, keys, presignGet, putObject, uploadStream } from "@/lib/platform/storage";
import { swapClip } from "../clips/swap";
import { clipSpec, planCut, type CutPlan } from "../ffmpeg/clip-commands";
import { posterSpec } from "../ffmpeg/media";
import { runFfmpeg } from "../ffmpeg/run";
import { job, PermanentError } from "./types";
import { jobTempDir } from "../temp";
import { cutSuperseded } from "./cancel";
import { clipCropPath } from "../reframe/clip-path";

/**
 * One highlight → one frame-exact H.264/AAC MP4 + poster. Latest wins: the job carries the revision it
 * was asked for and gives up (deleting what it made) if the boundaries changed before or during the cut.
 */
export const cutClipJob = job("cut-clip", {
  cancelledBy: ({ highlightId, revision }) => cutSuperseded(highlightId, revision),
  options: { concurrency: 1, timeoutMs: 20 * 60_000 },

  async handle({ highlightId, revision }, ctx) {
    const log = childLogger({ highlightId, revision, jobId: ctx.jobId, job: "cut-clip" });
    const h = await db().highlight.findUnique({ where: { id: highlightId }, include: { video: true } });
    if (!h) return log.info("highlight is gone; nothing to cut");
    if (h.revision !== revision)
      return log.info({ current: h.revision }, "boundaries changed since; a newer cut will run");
    const { video } = h;
    if (!video.fps || !video.durationS) throw new PermanentError("the video has not been probed yet");

    let plan: CutPlan;
    try {
      plan = planCut(h.startS, h.endS, video.fps, video.durationS);
    } catch (err) {
      throw new PermanentError(`cannot cut this highlight: ${(err as Error).message}`);
    }
    await clipLifecycle.cutting(highlightId, revision);
    await ctx.reportProgress("cutting", 0);

    const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 3 * 3600 });
    const dir = await jobTempDir("clip");
    try {
      const clipPath = path.join(dir, "clip.mp4");
      const posterPath = path.join(dir, "poster.jpg");
      const o = { fps: video.fps, hasAudio: video.hasAudio ?? false };
      // ffmpeg errors are retried: the source probed fine, so a failure here is most likely the network.
      const progress = (t: number) => void ctx.reportProgress("cutting", Math.min(0.95, t / plan.durationS));
      await runFfmpeg(clipSpec(url, plan, o, clipPath), ctx.signal, progress);
      await runFfmpeg(posterSpec(clipPath, plan.durationS / 2, posterPath), ctx.signal);
      const cropAuto = await clipCropPath(
        clipPath,
        dir,
        { fps: video.fps, startFrame: plan.startFrame },
        h,
        log,
      );

      const nonce = randomUUID().slice(0, 8);
      const next = {
        clipKey: keys.clipCut(video.id, h.id, revision, nonce, {
          startFrame: plan.startFrame,
          endFrame: plan.startFrame + plan.frames,
        }),
        posterKey: keys.clipPoster(video.id, h.id, revision, nonce),
      };
      await uploadStream(next.clipKey, createReadStream(clipPath), "video/mp4");
      await putObject(next.posterKey, await readFile(posterPath), "image/jpeg");

      const old = await swapClip(h.id, revision, next, cropAuto);
      if (!old) {
        await Promise.all([deletePrefix(next.clipKey), deletePrefix(next.posterKey)]);
        return log.info("boundaries changed during the cut; dropped it");
      }
      // Keys carry a nonce and an extension, so a key is its own unique prefix.
      for (const k of [old.clipKey, old.posterKey])
        if (k && k !== next.clipKey && k !== next.posterKey) await deletePrefix(k);
      await ctx.reportProgress("cutting", 1);
      log.info({ frames: plan.frames, startFrame: plan.startFrame }, "clip ready");
      return { ...next, frames: plan.frames };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  async onFailed({ highlightId, revision }, message) {
    await clipLifecycle.failed(highlightId, revision, message);
  },
});
