// What the clip, reel and export routes share: the video (or 404), the current analysis's highlights,
// link lifetimes and download headers.
import { db } from "../db";
import { notFound } from "../errors";
import type { Highlight, Video } from "../generated/prisma/client";

// Download links are short-lived: the panel refetches them; an hour covers a slow download start.
export const LINK_TTL_S = 3600;

export async function videoOr404(id: string): Promise<Video> {
  const v = await db().video.findUnique({ where: { id } });
  if (!v) throw notFound("Video");
  return v;
}

/** The current analysis's highlights, in time order ([] before the first analysis completes). */
export async function currentHighlights(
  videoId: string,
): Promise<{ analysisId: string | null; highlights: Highlight[] }> {
  const a = await db().analysis.findFirst({
    where: { videoId, current: true },
    include: { highlights: { orderBy: { startS: "asc" } } },
  });
  return { analysisId: a?.id ?? null, highlights: a?.highlights ?? [] };
}

// Names come from slugify (ASCII only), so the plain filename= form is safe.
export const attachment = (name: string) => `attachment; filename="${name}"`;
