// What the clip, reel and export routes share: the current analysis's highlights,
// link lifetimes and download headers.
import { db } from "@/lib/platform/db";
import { badRequest } from "@/lib/platform/errors";
import type { Highlight } from "../generated/prisma/client";
import { labelsOf, ofLabel, unknownLabelMessage } from "./selection";

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

/**
 * The current highlights of one label (all of them for null), beside the whole list (clip numbers are
 * counted over it, so a clip keeps the name its card shows). A label the analysis has no highlight of
 * is a 400 that lists the labels there are.
 */
export async function labelledHighlights(
  videoId: string,
  label: string | null,
): Promise<{ analysisId: string | null; all: Highlight[]; highlights: Highlight[] }> {
  const { analysisId, highlights: all } = await currentHighlights(videoId);
  const highlights = ofLabel(all, label);
  if (!highlights) throw badRequest(unknownLabelMessage(label!, labelsOf(all)));
  return { analysisId, all, highlights };
}

/** `?label=` of a download: null when absent (every label); present but blank is a mistake, said so. */
export function labelParam(search: URLSearchParams): string | null {
  const label = search.get("label");
  if (label === null) return null;
  if (label.trim() === "")
    throw badRequest("The label is empty: name one, or leave label out for every label");
  return label;
}

// Names come from slugify (ASCII only), so the plain filename= form is safe.
export const attachment = (name: string) => `attachment; filename="${name}"`;
