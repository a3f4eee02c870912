// Which videos and labels a retrain learns from (issue #14), shared by the retrain job and the Models
// page, so that the button and the job apply one rule (issue #24: the button was enabled where the job
// could only refuse).
import { db } from "@/lib/platform/db";
import { BACKGROUND } from "../labels/kinds";
import type { LoadedModel } from "../model";
import { countExamples, readiness } from "./readiness";
import { windowTargets, type LabelledInterval } from "./windows";

export interface LabelledVideo {
  videoId: string;
  analysisId: string;
  featuresKey: string;
  durationS: number;
  reviewComplete: boolean;
  intervals: LabelledInterval[];
}

/** Videos with at least one label and a completed analysis whose features are cached. */
export async function labelledVideos(): Promise<LabelledVideo[]> {
  const rows = await db().video.findMany({
    where: { deletedAt: null, trainingLabels: { some: {} } },
    include: {
      trainingLabels: true,
      analyses: { where: { current: true, status: "complete", featuresKey: { not: null } } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.flatMap((v) => {
    const a = v.analyses[0];
    if (!a?.featuresKey || !v.durationS) return [];
    return [
      {
        videoId: v.id,
        analysisId: a.id,
        featuresKey: a.featuresKey,
        durationS: v.durationS,
        reviewComplete: v.reviewCompleteAt !== null,
        intervals: v.trainingLabels.map((l) => ({
          label: l.label,
          kind: l.kind,
          startS: l.startS,
          endS: l.endS,
        })),
      },
    ];
  });
}

/**
 * The videos whose labels mark at least one window of the model's grid (frame count estimated from the
 * duration): a video shorter than a window, or whose only label is too short to cover one, can neither
 * teach the head nor test it, and held out it would make the check rest on nothing.
 */
export function withLabelledWindows(
  videos: readonly LabelledVideo[],
  model: Pick<LoadedModel, "manifest" | "labels">,
): LabelledVideo[] {
  const m = model.manifest;
  const grid = { frames: m.window.frames, stride: m.window.stride, rate: m.sampleRate };
  return videos.filter((v) =>
    windowTargets(
      Math.floor(v.durationS * grid.rate),
      grid,
      model.labels,
      v.intervals,
      v.reviewComplete,
    ).some((t) => t >= 0),
  );
}

export interface LabelPlan {
  /** the new head's labels: the parent's, then the taught labels with enough examples */
  labels: string[];
  added: string[];
  /** one sentence per taught label left out: how many more examples and videos it needs */
  leftOut: string[];
}

/**
 * Which labels editors taught (issue #14 item 4) the retrain learns beside the parent's: those with
 * enough examples on the labelled videos (lib/learn/readiness.ts). The others are left out of this
 * retrain — the known labels still train — and the version says what each one still needs.
 */
export function planLabels(
  parent: Pick<LoadedModel, "labels">,
  taught: readonly string[],
  videos: readonly LabelledVideo[],
): LabelPlan {
  const fresh = taught.filter((t) => !parent.labels.includes(t) && t !== BACKGROUND);
  const intervals = videos.flatMap((v) => v.intervals.map((i) => ({ ...i, videoId: v.videoId })));
  const judged = countExamples(intervals, fresh).map((c) => ({ label: c.label, ...readiness(c) }));
  const added = judged.filter((j) => j.ready).map((j) => j.label);
  return {
    labels: [...parent.labels, ...added],
    added,
    leftOut: judged.filter((j) => !j.ready).map((j) => `Left out ${j.message}.`),
  };
}

/** The job's first rule: a retrain holds one video out, so it needs labels on two; null when met. */
export function tooFewVideos(
  videos: readonly LabelledVideo[],
  model: Pick<LoadedModel, "manifest">,
  leftOut: readonly string[],
): string | null {
  if (videos.length >= 2) return null;
  const windowS = model.manifest.window.frames / model.manifest.sampleRate;
  const left = leftOut.map((l) => ` ${l}`).join("");
  return `Retraining needs labels on at least 2 analysed videos (accept or reject highlights, or mark a review complete, in the review room); ${videos.length} so far. One video is held out to check the new head, and a label counts once it covers a whole ${windowS}-s model window.${left}`;
}
