import { db } from "@/lib/platform/db";
import { badRequest } from "@/lib/platform/errors";
import { childLogger } from "@/lib/platform/logger";
import type { TLabelsDto, TLabelsV2 } from "../schemas/labels";
import { videoOr404 } from "../videos/find";
import { labelOfDecision } from "./kinds";
import { fromLabelsV2, toLabelsV2 } from "./labels-v2";

/**
 * Mirrors a highlight's review decision into its training label (one per highlight): accepted, trimmed
 * and hand-added highlights are positive intervals, rejected ones negative, a suggestion none. Called
 * after every decision, so the label always says what the highlight now says.
 */
export async function recordDecision(highlightId: string, how: { moved?: boolean; added?: boolean } = {}) {
  const h = await db().highlight.findUnique({ where: { id: highlightId } });
  if (!h) return;
  const prev = await db().trainingLabel.findUnique({ where: { highlightId } });
  const decided = labelOfDecision(h.status, {
    moved: Boolean(how.moved) || prev?.origin === "trim",
    added: Boolean(how.added) || prev?.origin === "added",
  });
  if (!decided) {
    await db().trainingLabel.deleteMany({ where: { highlightId } });
    return;
  }
  const data = {
    videoId: h.videoId,
    analysisId: h.analysisId,
    label: h.label,
    startS: h.startS,
    endS: h.endS,
    ...decided,
  };
  await db().trainingLabel.upsert({ where: { highlightId }, create: { highlightId, ...data }, update: data });
}

export async function listLabels(videoId: string): Promise<TLabelsDto> {
  const video = await videoOr404(videoId);
  const rows = await db().trainingLabel.findMany({ where: { videoId }, orderBy: { startS: "asc" } });
  return {
    videoId,
    reviewComplete: video.reviewCompleteAt !== null,
    labels: rows.map((r) => ({
      id: r.id,
      label: r.label,
      kind: r.kind,
      origin: r.origin,
      startS: r.startS,
      endS: r.endS,
    })),
  };
}

export async function setReviewComplete(videoId: string, complete: boolean): Promise<TLabelsDto> {
  await videoOr404(videoId);
  await db().video.update({
    where: { id: videoId },
    data: { reviewCompleteAt: complete ? new Date() : null },
  });
  return listLabels(videoId);
}

export async function exportLabels(videoId: string): Promise<TLabelsV2> {
  const video = await videoOr404(videoId);
  const rows = await db().trainingLabel.findMany({ where: { videoId }, orderBy: { startS: "asc" } });
  return toLabelsV2(video.originalName, rows);
}

/**
 * Replaces the video's imported labels with the file's (review decisions stay). Every annotation is
 * checked first; one bad annotation refuses the whole file, with every problem listed.
 */
export async function importLabels(videoId: string, file: TLabelsV2, userId: string | null) {
  const video = await videoOr404(videoId);
  const { intervals, errors } = fromLabelsV2(file, video.durationS);
  if (errors.length > 0) {
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : "";
    throw badRequest(`The labels file was not imported: ${errors.slice(0, 5).join("; ")}${more}`);
  }
  const current = await db().analysis.findFirst({ where: { videoId, current: true } });
  await db().$transaction([
    db().trainingLabel.deleteMany({ where: { videoId, origin: "import" } }),
    db().trainingLabel.createMany({
      data: intervals.map((i) => ({
        videoId,
        analysisId: current?.id ?? null,
        label: i.label,
        kind: i.kind,
        origin: "import" as const,
        startS: i.startS,
        endS: i.endS,
        createdById: userId,
      })),
    }),
  ]);
  childLogger({ videoId }).info({ labels: intervals.length }, "labels imported");
  return listLabels(videoId);
}
