// What the clip, reel and export routes share: the current analysis's highlights,
// link lifetimes and download headers.
import { db } from "../db";
import type { Highlight } from "../generated/prisma/client";

// Download links are short-lived: the panel refetches them; an hour covers a slow download start.
export const LINK_TTL_S = 3600;

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
