import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { reelLifecycle } from "@/lib/clips/lifecycle";
import { labelsOf, ofLabel, reelSelection, unknownLabelMessage } from "@/lib/clips/selection";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { deletePrefix, keys, presignGet, uploadStream } from "@/lib/platform/storage";
import { planCut, reelSpec } from "../ffmpeg/clip-commands";
import { runFfmpegInputs } from "../ffmpeg/run";
import { job, PermanentError } from "./types";
import { jobTempDir } from "../temp";
import { videoWithdrawn } from "./cancel";
import { brandRow } from "@/lib/brand/service";
import { shootouts } from "@/lib/clips/shootout";
import { dressFor } from "../clips/reel-dress";

// Each segment is one ffmpeg input (its own range reader and decoder): bound it so memory stays sane.
export const REEL_MAX_SEGMENTS = 100;

/**
 * Highlights of the current analysis (of one label when the payload names one), chosen by
 * lib/clips/selection.ts, cut from the source and joined.
 */
export const buildReelJob = job("build-reel", {
  cancelledBy: ({ videoId }) => videoWithdrawn(videoId),
  options: { concurrency: 1, timeoutMs: 60 * 60_000 },

  async handle({ videoId, label: asked, brand: branded, shootout }, ctx) {
    const label = asked ?? null;
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "build-reel", label });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) return log.info("video is gone; no reel");
    if (!video.fps || !video.durationS) throw new PermanentError("the video has not been probed yet");
    const analysis = await db().analysis.findFirst({
      where: { videoId, current: true },
      include: { highlights: true },
    });
    const all = analysis?.highlights ?? [];
    // The label was checked when the reel was asked for; a re-analysis since may have dropped it.
    const ofThisLabel = ofLabel(all, label);
    if (!ofThisLabel) throw new PermanentError(unknownLabelMessage(label!, labelsOf(all)));
    const { rule, items: chosen } = reelSelection(ofThisLabel);
    // The shoot-out reel: the first shoot-out's kicks (rejected ones are not kicks), in time order.
    const items = shootout ? (shootouts(all)[0] ?? []) : chosen;
    if (shootout && items.length === 0)
      throw new PermanentError("there is no shoot-out among this video's highlights any more");
    if (items.length === 0)
      throw new PermanentError(
        `there are no ${label === null ? "" : `${label} `}highlights to put in a reel (all rejected or none found)`,
      );
    if (items.length > REEL_MAX_SEGMENTS) {
      throw new PermanentError(
        `a reel holds at most ${REEL_MAX_SEGMENTS} highlights; accept fewer (${items.length} chosen)`,
      );
    }
    const plans = items.map((h) => planCut(h.startS, h.endS, video.fps!, video.durationS!));
    const total = plans.reduce((a, p) => a + p.durationS, 0);
    const builtAt = new Date();
    // reelProgress stays: a retry must not send the bar back to 0 (requestReel zeroed it for this build)
    if (!(await reelLifecycle.building(videoId))) return log.info("video is gone; no reel to build");
    await ctx.reportProgress("building reel", 0);

    const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 6 * 3600 });
    const dir = await jobTempDir("reel");
    try {
      const out = path.join(dir, "reel.mp4");
      let lastWrite = 0;
      const progress = (t: number) => {
        const f = Math.min(0.95, t / total);
        void ctx.reportProgress("building reel", f);
        // The reel's own progress column is what the highlights panel polls; a write every 2 s is plenty.
        if (Date.now() - lastWrite > 2000) {
          lastWrite = Date.now();
          void db()
            .video.updateMany({ where: { id: videoId, reelProgress: { lt: f } }, data: { reelProgress: f } })
            .catch(() => undefined);
        }
      };
      const dress =
        branded || shootout
          ? await dressFor(dir, video, items, {
              all,
              shootout: shootout ?? false,
              brand: branded ? await brandRow() : null,
              segmentFrames: plans.map((p) => p.frames),
            })
          : undefined;
      await runFfmpegInputs(
        reelSpec(url, plans, { fps: video.fps, hasAudio: video.hasAudio ?? false }, out, dress),
        ctx.signal,
        progress,
      );
      const reelKey = keys.reel(videoId, randomUUID().slice(0, 8));
      await uploadStream(reelKey, createReadStream(out), "video/mp4");
      const old = await db().video.findUnique({ where: { id: videoId }, select: { reelKey: true } });
      await reelLifecycle.ready(videoId, {
        reelKey,
        reelLabel: label,
        reelProgress: 1,
        reelBuiltAt: builtAt,
        reelBranded: branded ?? false,
        reelShootout: shootout ?? false,
      });
      if (old?.reelKey && old.reelKey !== reelKey) await deletePrefix(old.reelKey);
      await ctx.reportProgress("building reel", 1);
      log.info({ rule, segments: items.length, durationS: total }, "reel ready");
      return { reelKey, label, rule, segments: items.length, durationS: total };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  async onFailed({ videoId }, message) {
    await reelLifecycle.failed(videoId, message);
  },
});
