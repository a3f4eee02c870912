import { randomUUID } from "node:crypto";
import { db } from "../db";
import { AppError, badRequest, conflict, notFound } from "../errors";
import { renderExport, type TExportFormat } from "../exports";
import type { Highlight, Video } from "../generated/prisma/client";
import type { THighlightDto, THighlightPatch, THighlightsDto, TReelDto } from "../schemas/highlights";
import { getObjectBytes, presignGet } from "../storage";
import { startJob } from "../pipeline/enqueue";
import { clipFileName, exportFileName, reelFileName, zipFileName } from "./names";
import { clipNumbers, reelSelection } from "./selection";
import { zipObjects } from "./zip";

// Download links are short-lived: the panel refetches them; an hour covers a slow download start.
const LINK_TTL_S = 3600;

async function videoOr404(id: string): Promise<Video> {
  const v = await db().video.findUnique({ where: { id } });
  if (!v) throw notFound("Video");
  return v;
}

/** The current analysis's highlights, in time order ([] before the first analysis completes). */
async function currentHighlights(
  videoId: string,
): Promise<{ analysisId: string | null; highlights: Highlight[] }> {
  const a = await db().analysis.findFirst({
    where: { videoId, current: true },
    include: { highlights: { orderBy: { startS: "asc" } } },
  });
  return { analysisId: a?.id ?? null, highlights: a?.highlights ?? [] };
}

export async function listHighlights(videoId: string): Promise<THighlightsDto> {
  const video = await videoOr404(videoId);
  const { analysisId, highlights } = await currentHighlights(videoId);
  const numbers = clipNumbers(highlights);
  const dto = await Promise.all(
    highlights.map(async (h): Promise<THighlightDto> => {
      const downloadName = clipFileName(video.title, h.label, numbers.get(h.id) ?? 1, h.startS);
      const hasClip = Boolean(h.clipKey) && h.clipRevision !== null;
      return {
        id: h.id,
        label: h.label,
        status: h.status,
        startS: h.startS,
        endS: h.endS,
        peak: h.peak,
        mean: h.mean,
        revision: h.revision,
        clipStatus: h.clipStatus,
        clipStale: hasClip && h.clipRevision !== h.revision,
        clipError: h.clipError,
        clipUrl: hasClip ? await presignGet(h.clipKey!, { expiresIn: LINK_TTL_S, downloadName }) : null,
        posterUrl: h.posterKey ? await presignGet(h.posterKey, { expiresIn: LINK_TTL_S }) : null,
        downloadName,
      };
    }),
  );
  return { videoId, analysisId, highlights: dto };
}

/**
 * Status changes are plain updates. Boundary changes bump `revision` (compare-and-set, so two editors
 * saving at once both get a new revision) and queue a cut for it; the old clip stays downloadable until
 * the new one is complete.
 */
export async function patchHighlight(id: string, patch: THighlightPatch): Promise<THighlightDto> {
  const h = await db().highlight.findUnique({ where: { id }, include: { video: true } });
  if (!h) throw notFound("Highlight");
  const startS = patch.startS ?? h.startS;
  const endS = patch.endS ?? h.endS;
  if (!(endS > startS)) throw badRequest("The end must be after the start");
  const frame = h.video.fps ? 1 / h.video.fps : 0;
  if (endS - startS < frame) throw badRequest("A highlight must be at least one frame long");
  if (h.video.durationS !== null && endS > h.video.durationS + 1e-6) {
    throw badRequest(`The end is past the end of the video (${h.video.durationS.toFixed(2)} s)`);
  }
  const moved = startS !== h.startS || endS !== h.endS;
  // Moving a suggestion is a decision: it becomes "edited" unless the editor set a status too.
  const status = patch.status ?? (moved && h.status === "suggested" ? "edited" : h.status);
  const data = moved
    ? { startS, endS, status, revision: { increment: 1 }, clipStatus: "cutting" as const, clipError: null }
    : { status };
  const { count } = await db().highlight.updateMany({ where: { id, revision: h.revision }, data });
  if (count === 0)
    throw conflict("Someone else changed this highlight at the same time; reload and try again");
  if (moved) await startJob("highlights edited", "cut-clip", { highlightId: id, revision: h.revision + 1 });
  const dto = (await listHighlights(h.videoId)).highlights.find((x) => x.id === id);
  if (!dto) throw notFound("Highlight");
  return dto;
}

export async function clipsZip(videoId: string): Promise<Response> {
  const video = await videoOr404(videoId);
  const { highlights } = await currentHighlights(videoId);
  const numbers = clipNumbers(highlights);
  const entries = highlights
    .filter((h) => h.status !== "rejected" && h.clipKey && h.clipRevision !== null)
    .map((h) => ({
      name: clipFileName(video.title, h.label, numbers.get(h.id) ?? 1, h.startS),
      key: h.clipKey!,
    }));
  if (entries.length === 0) throw conflict("No clips are ready to download yet");
  return new Response(zipObjects(entries, { videoId }), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachment(zipFileName(video.title)),
      "Cache-Control": "no-store",
    },
  });
}

export async function getReel(videoId: string): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { rule, items } = reelSelection((await currentHighlights(videoId)).highlights);
  const downloadName = reelFileName(video.title);
  return {
    status: video.reelStatus,
    progress: video.reelProgress,
    error: video.reelError,
    url: video.reelKey ? await presignGet(video.reelKey, { expiresIn: LINK_TTL_S, downloadName }) : null,
    downloadName,
    builtAt: video.reelBuiltAt?.toISOString() ?? null,
    rule,
    count: items.length,
  };
}

export async function requestReel(videoId: string): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { items } = reelSelection((await currentHighlights(videoId)).highlights);
  if (items.length === 0) throw conflict("There are no highlights to put in a reel");
  // Compare-and-set on the status: two clicks queue one build.
  const { count } = await db().video.updateMany({
    where: { id: video.id, reelStatus: { not: "cutting" } },
    data: { reelStatus: "cutting", reelProgress: 0, reelError: null },
  });
  if (count === 0) throw conflict("A reel is already being built");
  await startJob("reel asked for", "build-reel", { videoId }, { nonce: randomUUID() });
  return getReel(videoId);
}

export async function exportHighlights(videoId: string, format: TExportFormat): Promise<Response> {
  const v = await videoOr404(videoId);
  if (!v.fps || !v.durationS) throw new AppError(409, "The video has not been probed yet", "conflict");
  const { highlights } = await currentHighlights(videoId);
  const out = renderExport(
    format,
    {
      id: v.id,
      title: v.title,
      originalName: v.originalName,
      fps: v.fps,
      durationS: v.durationS,
      width: v.width ?? 0,
      height: v.height ?? 0,
      hasAudio: v.hasAudio ?? false,
    },
    highlights,
  );
  return new Response(out.body, {
    headers: {
      "Content-Type": out.contentType,
      "Content-Disposition": attachment(exportFileName(v.title, out.ext)),
      "Cache-Control": "no-store",
    },
  });
}

/** The stored VTT names the sprite relatively; browsers need a signed URL (private bucket). */
export async function filmstripVtt(videoId: string): Promise<Response> {
  const v = await videoOr404(videoId);
  if (!v.filmstripVttKey || !v.filmstripSpriteKey) throw notFound("Filmstrip");
  const vtt = new TextDecoder().decode(await getObjectBytes(v.filmstripVttKey));
  const sprite = await presignGet(v.filmstripSpriteKey, { expiresIn: 6 * 3600 });
  return new Response(vtt.replaceAll("sprite.jpg#", `${sprite}#`), {
    headers: { "Content-Type": "text/vtt; charset=utf-8", "Cache-Control": "private, max-age=3600" },
  });
}

// Names come from slugify (ASCII only), so the plain filename= form is safe.
const attachment = (name: string) => `attachment; filename="${name}"`;
