import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { brandDrawsOnClips, brandRow, NO_CLIP_BRAND } from "@/lib/brand/service";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { variantSlug } from "@/lib/reframe/variant";
import { clipFramesOf, deletePrefix, getObjectStream, keys, uploadStream } from "@/lib/platform/storage";
import { probe } from "../ffmpeg/run";
import { swapAspect } from "../reframe/crop-row";
import { renderVariant } from "../reframe/render-variant";
import { jobTempDir } from "../temp";
import { reframeSuperseded } from "./cancel";
import { job, PermanentError } from "./types";

/**
 * Issue #29: a highlight's 16:9 clip in another variant: cropped to 9:16, 1:1 or 4:5 along its crop
 * path, and/or with the instance brand (logo, lower-third). Same frames as the 16:9 clip (no trim, no
 * rate change, no cards). Latest wins: a render for a clip, crop or brand revision the row no longer
 * asks for is dropped.
 */
export const reframeClipJob = job("reframe-clip", {
  cancelledBy: (p) => reframeSuperseded(p),
  options: { concurrency: 1, timeoutMs: 20 * 60_000 },

  async handle(p, ctx) {
    const { highlightId, aspect, revision, cropRevision } = p;
    const branded = p.branded ?? false;
    const brandRevision = p.brandRevision ?? 0;
    const log = childLogger({ highlightId, aspect, branded, revision, cropRevision, jobId: ctx.jobId });
    const h = await db().highlight.findUnique({ where: { id: highlightId }, include: { video: true } });
    if (!h) return log.info("highlight is gone; nothing to render");
    if (h.clipRevision !== revision || h.cropRevision !== cropRevision || !h.clipKey)
      return log.info(
        { clip: h.clipRevision, crop: h.cropRevision },
        "clip or crop changed since; a newer render will run",
      );
    const brand = branded ? await brandRow() : null;
    if (branded && !brandDrawsOnClips(brand)) throw new PermanentError(NO_CLIP_BRAND);
    if (brand && brand.revision !== brandRevision)
      return log.info({ brand: brand.revision }, "the brand changed since; asked again it renders anew");
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
      const frames = span.endFrame - span.startFrame;
      const all = brand ? await db().highlight.findMany({ where: { analysisId: h.analysisId } }) : [];
      const out = await renderVariant(
        dir,
        {
          src,
          width: v.width,
          height: v.height,
          hasAudio: info.streams.some((s) => s.codec_type === "audio"),
        },
        { h, all, aspect, brand, fps, startFrame: span.startFrame, frames },
        ctx,
      );

      const key = keys.clipAspect(
        h.videoId,
        h.id,
        revision,
        variantSlug({ aspect, branded }),
        cropRevision,
        randomUUID().slice(0, 8),
      );
      await uploadStream(key, createReadStream(out.file), "video/mp4");
      const old = await swapAspect(
        h.id,
        { aspect, branded },
        { revision, cropRevision, brandRevision: branded ? brandRevision : 0 },
        key,
      );
      if (old === false) {
        await deletePrefix(key);
        return log.info("clip, crop or brand changed during the render; dropped it");
      }
      if (old && old !== key) await deletePrefix(old);
      await ctx.reportProgress("reframing", 1);
      log.info({ frames, width: out.w, height: out.h }, "aspect clip ready");
      return { key, frames };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  async onFailed({ highlightId, aspect, branded, revision, cropRevision }, message) {
    await db().aspectClip.updateMany({
      where: { highlightId, aspect, branded: branded ?? false, revision, cropRevision },
      data: { status: "failed", error: message },
    });
  },
});
