// Issue #29: the ffmpeg half of reframe-clip: one variant of a 16:9 clip on disk, cropped along the
// path (a cropped aspect) and/or dressed with the brand (the reel's dress code, no cards).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Brand, Highlight } from "@/lib/generated/prisma/client";
import { cropShare, cropSize, isCropAspect, type TAspect } from "@/lib/reframe/aspect";
import { cropLefts } from "@/lib/reframe/path";
import { cropOf } from "@/lib/reframe/stored";
import { clipDressFor } from "../clips/reel-dress";
import { fpsArg } from "../ffmpeg/clip-commands";
import { brandedClipSpec, reframeSpec, sendcmdScript } from "../ffmpeg/reframe-commands";
import { runFfmpeg, runFfmpegInputs } from "../ffmpeg/run";
import type { JobContext } from "../jobs/types";

interface Clip {
  src: string;
  width: number;
  height: number;
  hasAudio: boolean;
}

/** Renders the variant into `dir`; returns the file and its picture size. */
export async function renderVariant(
  dir: string,
  clip: Clip,
  o: {
    h: Highlight;
    all: Highlight[];
    aspect: TAspect;
    brand: Brand | null;
    fps: number;
    startFrame: number;
    frames: number;
  },
  ctx: Pick<JobContext, "signal" | "niceness" | "reportProgress">,
): Promise<{ file: string; w: number; h: number }> {
  const { width, height } = clip;
  const out = path.join(dir, "aspect.mp4");
  const progress = (t: number) =>
    void ctx.reportProgress("reframing", Math.min(0.95, (t * o.fps) / o.frames));
  let crop: { cmdFile: string; w: number; h: number; x0: number } | null = null;
  if (isCropAspect(o.aspect)) {
    const share = cropShare(o.aspect, width, height);
    const { w, h } = cropSize(o.aspect, width, height);
    // even left edges: the crop starts on a chroma sample (4:2:0), so colours do not shift by a pixel
    const lefts = cropLefts(cropOf(o.h), o.fps, o.startFrame, o.frames, share).map((l) =>
      Math.min(width - w, 2 * Math.round((l * width) / 2)),
    );
    const cmdFile = path.join(dir, "crop.cmd");
    await writeFile(cmdFile, sendcmdScript(lefts, o.fps, "crop"));
    crop = { cmdFile, w, h, x0: lefts[0] ?? 0 };
  }
  const size = crop ? { w: crop.w, h: crop.h } : { w: width, h: height };
  if (o.brand) {
    const dress = await clipDressFor(dir, o.h, o.all, { brand: o.brand, size, fps: o.fps, frames: o.frames });
    await runFfmpegInputs(
      {
        ...brandedClipSpec(clip.src, crop, dress, { fps: o.fps, hasAudio: clip.hasAudio }, out),
        niceness: ctx.niceness,
      },
      ctx.signal,
      progress,
    );
  } else {
    if (!crop) throw new RangeError("16:9 without the brand is the clip itself: nothing to render");
    const spec = reframeSpec(
      clip.src,
      crop.cmdFile,
      crop,
      { fps: fpsArg(o.fps), hasAudio: clip.hasAudio },
      out,
    );
    await runFfmpeg({ ...spec, niceness: ctx.niceness }, ctx.signal, progress);
  }
  return { file: out, ...size };
}
