import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { aspectSlug, cropShare, cropSize } from "@/lib/reframe/aspect";
import { cropLefts } from "@/lib/reframe/path";
import { clipFramesOf, deletePrefix, getObjectStream, keys, uploadStream } from "@/lib/platform/storage";
import { fpsArg } from "../ffmpeg/clip-commands";
import { reframeSpec, sendcmdScript } from "../ffmpeg/reframe-commands";
import { probe, runFfmpeg } from "../ffmpeg/run";
import { cropOf } from "@/lib/reframe/stored";
import { swapAspect } from "../reframe/crop-row";
import { jobTempDir } from "../temp";
import { reframeSuperseded } from "./cancel";
import { job, PermanentError } from "./types";

/**
 * Issue #29: a highlight's 16:9 clip cropped to 9:16, 1:1 or 4:5 along its crop path. Same frames as
 * the 16:9 clip (no trim, no rate change: the crop moves per frame through a sendcmd script). Latest
 * wins: a render for a clip or crop revision the row no longer asks for is dropped.
 */
export const reframeClipJob = job("reframe-clip", {
  cancelledBy: (p) => reframeSuperseded(p.highlightId, p.revision, p.cropRevision),
  options: { concurrency: 1, timeoutMs: 20 * 60_000 },

  async handle({ highlightId, aspect, revision, cropRevision }, ctx) {
    const log = childLogger({
      highlightId,
      aspect,
      revision,
      cropRevision,
      jobId: ctx.jobId,
      job: "reframe-clip",
    });
    const h = await db().highlight.findUnique({ where: { id: highlightId }, include: { video: true } });
    if (!h) return log.info("highlight is gone; nothing to reframe");
    if (h.clipRevision !== revision || h.cropRevision !== cropRevision || !h.clipKey)
      return log.info(
        { clip: h.clipRevision, crop: h.cropRevision },
        "clip or crop changed since; a newer render will run",
      );
    const span = clipFramesOf(h.clipKey);
    const fps = h.video.fps;
    if (!span || !fps)
      throw new PermanentError("this clip was cut before frame-exact keys; cut it again first");
    await ctx.reportProgress("reframing", 0);

    const dir = await jobTempDir("reframe");
    try {
      const src = path.join(dir, "clip.mp4");
      await pipeline(await getObjectStream(h.clipKey), createWriteStream(src));
      const info = await probe(src);
      const v = info.streams.find((s) => s.codec_type === "video");
      if (!v?.width || !v.height) throw new PermanentError("the 16:9 clip has no picture to crop");
      const share = cropShare(aspect, v.width, v.height);
      const { w, h: ch } = cropSize(aspect, v.width, v.height);
      const frames = span.endFrame - span.startFrame;
      // even left edges: the crop starts on a chroma sample (4:2:0), so colours do not shift by a pixel
      const lefts = cropLefts(cropOf(h), fps, span.startFrame, frames, share).map((l) =>
        Math.min(v.width! - w, 2 * Math.round((l * v.width!) / 2)),
      );
      const cmd = path.join(dir, "crop.cmd");
      await writeFile(cmd, sendcmdScript(lefts, fps, "crop"));
      const out = path.join(dir, "aspect.mp4");
      const hasAudio = info.streams.some((s) => s.codec_type === "audio");
      const spec = reframeSpec(
        src,
        cmd,
        { w, h: ch, x0: lefts[0] ?? 0 },
        { fps: fpsArg(fps), hasAudio },
        out,
      );
      await runFfmpeg(
        { ...spec, niceness: ctx.niceness },
        ctx.signal,
        (t) => void ctx.reportProgress("reframing", Math.min(0.95, (t * fps) / frames)),
      );

      const key = keys.clipAspect(
        h.videoId,
        h.id,
        revision,
        aspectSlug(aspect),
        cropRevision,
        randomUUID().slice(0, 8),
      );
      await uploadStream(key, createReadStream(out), "video/mp4");
      const old = await swapAspect(h.id, aspect, { revision, cropRevision }, key);
      if (old === false) {
        await deletePrefix(key);
        return log.info("clip or crop changed during the render; dropped it");
      }
      if (old && old !== key) await deletePrefix(old);
      await ctx.reportProgress("reframing", 1);
      log.info({ frames, width: w, height: ch }, "aspect clip ready");
      return { key, frames };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  async onFailed({ highlightId, aspect, revision, cropRevision }, message) {
    await db().aspectClip.updateMany({
      where: { highlightId, aspect, revision, cropRevision },
      data: { status: "failed", error: message },
    });
  },
});
