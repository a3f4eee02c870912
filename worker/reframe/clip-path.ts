import type { Logger } from "pino";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cropShare } from "@/lib/reframe/aspect";
import { splicePath } from "@/lib/reframe/path";
import { probe } from "../ffmpeg/run";
import { analyseClip } from "./analyse";
import { cropOf } from "@/lib/reframe/stored";

/**
 * Issue #29: the automatic crop path of a freshly cut clip, spliced onto the stored one (a trim keeps
 * the path of the frames it keeps). A failure here never fails the cut: the clip is what the editor
 * waits for, so the stored path stays (undefined) and the failure is logged.
 */
export async function clipCropPath(
  clipPath: string,
  dir: string,
  o: { fps: number; startFrame: number },
  h: { cropAuto: unknown; cropKeys: unknown; cropLocked: boolean },
  log: Logger,
): Promise<Prisma.InputJsonValue | undefined> {
  try {
    const v = (await probe(clipPath)).streams.find((s) => s.codec_type === "video");
    if (!v?.width || !v.height) return undefined;
    const share = cropShare("9:16", v.width, v.height);
    const fresh = await analyseClip(clipPath, dir, { ...o, share });
    const path = splicePath(cropOf(h).auto, fresh, Math.round(2 * o.fps));
    return { startFrame: path.startFrame, x: path.x, cuts: path.cuts };
  } catch (err) {
    log.warn({ err: (err as Error).message }, "crop path not found; the stored one stays");
    return undefined;
  }
}
