import { db } from "@/lib/platform/db";
import type { TReframeClipJob } from "@/lib/schemas/jobs";

// The cancellation checks jobs share (JobDefinition.cancelledBy): a delete cancels a video's work.

export async function videoWithdrawn(videoId: string): Promise<string | null> {
  const v = await db().video.findUnique({ where: { id: videoId }, select: { deletedAt: true } });
  if (!v) return "the video no longer exists";
  return v.deletedAt ? "the video was deleted" : null;
}

/** An analysis's chunks and finaliser stop once it is no longer running (a delete stops it). */
export async function analysisStopped(analysisId: string): Promise<string | null> {
  const a = await db().analysis.findUnique({
    where: { id: analysisId },
    select: { status: true, video: { select: { deletedAt: true } } },
  });
  if (!a) return "the analysis no longer exists";
  if (a.video.deletedAt) return "the video was deleted";
  return a.status === "running" ? null : `the analysis is ${a.status}`;
}

/**
 * A cut stops once its highlight was edited again: the newer revision's cut is queued, and this one's
 * file would be dropped at the swap anyway, after holding the editors' lane for nothing.
 */
export async function cutSuperseded(highlightId: string, revision: number): Promise<string | null> {
  const h = await db().highlight.findUnique({
    where: { id: highlightId },
    select: { revision: true, video: { select: { deletedAt: true } } },
  });
  if (!h) return "the highlight no longer exists";
  if (h.video.deletedAt) return "the video was deleted";
  return h.revision === revision ? null : `the highlight was edited again (revision ${h.revision})`;
}

/** Issue #29: a variant render stops once its clip was re-cut, its crop edited or the brand changed. */
export async function reframeSuperseded(p: TReframeClipJob): Promise<string | null> {
  const h = await db().highlight.findUnique({
    where: { id: p.highlightId },
    select: { clipRevision: true, cropRevision: true, video: { select: { deletedAt: true } } },
  });
  if (!h) return "the highlight no longer exists";
  if (h.video.deletedAt) return "the video was deleted";
  if (h.clipRevision !== p.revision) return `the clip was cut again (revision ${h.clipRevision})`;
  if (p.aspect !== "16:9" && h.cropRevision !== p.cropRevision)
    return `the crop was edited again (revision ${h.cropRevision})`;
  if (!p.branded) return null;
  const brand = await db().brand.findUnique({ where: { id: 1 }, select: { revision: true } });
  return brand?.revision === (p.brandRevision ?? 0)
    ? null
    : `the brand was changed since (revision ${brand?.revision ?? "none"})`;
}
