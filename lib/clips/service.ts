// Highlights and their clips: the list with download links, edits (a boundary change queues a new
// cut), and all clips as one ZIP. Reels: ./reel.ts; NLE exports: lib/exports/service.ts.
import { db } from "@/lib/platform/db";
import { badRequest, conflict, notFound } from "@/lib/platform/errors";
import type { z } from "zod";
import type { THighlightDto, THighlightsDto, ZHighlightPatch } from "../schemas/highlights";
import { clipFramesOf, presignGet } from "@/lib/platform/storage";
import { frameSpan } from "../highlights/frame-span";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { recordDecision } from "../labels/service";
import { attachment, currentHighlights, labelledHighlights, LINK_TTL_S } from "./current";
import { videoOr404 } from "../videos/find";
import { aspectFileName, clipFileName, zipFileName } from "./names";
import { brandRevisionNow } from "../reframe/service";
import { variantDtos, variantEntries } from "../reframe/downloads";
import type { TVariant } from "../reframe/variant";
import { cropOf } from "../reframe/stored";
import { clipNumbers } from "./selection";
import { kickNumbers } from "./shootout";
import { zipObjects } from "./zip";
import { clipLifecycle } from "./lifecycle";
import { cutJobId, pendingStatuses } from "../status/lookup";

export async function listHighlights(videoId: string): Promise<THighlightsDto> {
  const video = await videoOr404(videoId);
  const { analysisId, highlights } = await currentHighlights(videoId);
  const numbers = clipNumbers(highlights);
  const kicks = kickNumbers(highlights);
  const busy = highlights.filter(
    (h) => h.clipStatus === "cutting" || (h.clipKey && h.clipRevision !== h.revision),
  );
  const jobs = await pendingStatuses(
    "cut-clip",
    busy.map((h) => cutJobId(h.id, h.revision)),
  );
  const aspectRows = await db().aspectClip.findMany({
    where: { highlightId: { in: highlights.map((h) => h.id) } },
  });
  const brandRevision = await brandRevisionNow();
  const dto = await Promise.all(
    highlights.map(async (h): Promise<THighlightDto> => {
      const downloadName = clipFileName(video.title, h.label, numbers.get(h.id) ?? 1, h.startS);
      const hasClip = Boolean(h.clipKey) && h.clipRevision !== null;
      const variants = await variantDtos(
        h,
        aspectRows.filter((r) => r.highlightId === h.id),
        downloadName,
        { brandRevision, ttlS: LINK_TTL_S },
      );
      const c = cropOf(h);
      return {
        id: h.id,
        label: h.label,
        name: h.name,
        note: h.note,
        status: h.status,
        startS: h.startS,
        endS: h.endS,
        peak: h.peak,
        mean: h.mean,
        revision: h.revision,
        clipStatus: h.clipStatus,
        clipStale: hasClip && h.clipRevision !== h.revision,
        clipError: h.clipError,
        clipJob: jobs.get(cutJobId(h.id, h.revision)) ?? null,
        clipUrl: hasClip ? await presignGet(h.clipKey!, { expiresIn: LINK_TTL_S, downloadName }) : null,
        posterUrl: h.posterKey ? await presignGet(h.posterKey, { expiresIn: LINK_TTL_S }) : null,
        downloadName,
        crop: { ...c, revision: h.cropRevision },
        ...variants,
        kick: h.kick,
        kickNumber: kicks.get(h.id) ?? null,
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
export async function patchHighlight(
  id: string,
  patch: z.output<typeof ZHighlightPatch>,
): Promise<THighlightDto> {
  const h = await db().highlight.findFirst({
    where: { id, video: { deletedAt: null } },
    include: { video: true },
  });
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
  // Name and note are words about the highlight: no re-cut, no training decision.
  const words = { name: patch.name, note: patch.note, kick: patch.kick };
  // Back on the frames the stored clip holds (a trim undone before its re-cut finished): no new cut.
  const keep = moved && clipHolds(h, startS, endS);
  // The new boundaries and their cut commit together: a "cutting" clip always has a job on its way.
  await db().$transaction(async (tx) => {
    const changed = !moved
      ? (await tx.highlight.updateMany({ where: { id, revision: h.revision }, data: { ...words, status } }))
          .count > 0
      : await clipLifecycle.edited(tx, id, h.revision, keep, {
          ...words,
          startS,
          endS,
          status,
          revision: { increment: 1 },
          clipError: null,
          ...(keep ? { clipRevision: h.revision + 1 } : {}),
        });
    if (!changed)
      throw conflict("Someone else changed this highlight at the same time; reload and try again");
    if (moved && !keep)
      await startJob(tx, "highlights edited", "cut-clip", {
        highlightId: id,
        revision: h.revision + 1,
        editor: true,
      });
  });
  if (moved && !keep) await dispatchSoon();
  const decided = patch.startS !== undefined || patch.endS !== undefined || patch.status !== undefined;
  if (decided) await recordDecision(id, { moved });
  const dto = (await listHighlights(h.videoId)).highlights.find((x) => x.id === id);
  if (!dto) throw notFound("Highlight");
  return dto;
}

/** Whether the highlight's stored clip (always a complete file: cuts swap in when done) holds exactly the frames of `startS`–`endS`. */
function clipHolds(
  h: {
    clipKey: string | null;
    clipRevision: number | null;
    video: { fps: number | null; durationS: number | null };
  },
  startS: number,
  endS: number,
): boolean {
  if (!h.clipKey || h.clipRevision === null || !h.video.fps || h.video.durationS === null) return false;
  const held = clipFramesOf(h.clipKey);
  const want = frameSpan(startS, endS, h.video.fps, h.video.durationS);
  return held !== null && held.startFrame === want.startFrame && held.endFrame === want.endFrame;
}

/** Every clip not rejected (of one label when `label` is set) as one ZIP, named as the cards name them. */
export async function clipsZip(
  videoId: string,
  label: string | null = null,
  v: TVariant = { aspect: "16:9", branded: false },
): Promise<Response> {
  const video = await videoOr404(videoId);
  const { all, highlights } = await labelledHighlights(videoId, label);
  const numbers = clipNumbers(all);
  const cut = highlights.filter((h) => h.status !== "rejected" && h.clipKey && h.clipRevision !== null);
  const entries = await variantEntries(
    cut,
    v,
    (h) =>
      aspectFileName(
        clipFileName(video.title, h.label, numbers.get(h.id) ?? 1, h.startS),
        v.aspect,
        v.branded,
      ),
    await brandRevisionNow(),
  );
  if (entries.length === 0)
    throw conflict(`No ${label === null ? "" : `${label} `}clips are ready to download yet`);
  return new Response(zipObjects(entries, { videoId, label, aspect: v.aspect, branded: v.branded }), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachment(zipFileName(video.title, label, v.aspect, v.branded)),
      "Cache-Control": "no-store",
    },
  });
}
