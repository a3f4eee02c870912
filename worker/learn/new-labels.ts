import { BACKGROUND } from "@/lib/labels/kinds";
import { countExamples, readiness } from "@/lib/learn/readiness";
import type { LoadedModel, TModelManifest } from "@/lib/model";
import { hash, type LabelledVideo } from "./dataset";

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
  parent: LoadedModel,
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

/**
 * The new head's manifest: the parent's, with the labels grown. A new label's segment parameters are
 * a copy of the parent's first label's (the penalty ones): there is no validation split of the new
 * label to fit an operating point on without using the held-out videos that judge it, and the
 * calibration (one temperature for all classes) already makes a score mean the same for every label.
 * Editors tune them per label with the review room's sliders.
 */
export function grownManifest(
  parent: TModelManifest,
  plan: LabelPlan,
  version: string,
  headSha256: string,
): TModelManifest {
  const first = parent.labels.names.find((l) => l !== BACKGROUND && parent.segmentDefaults[l]);
  const copied = first ? parent.segmentDefaults[first]! : Object.values(parent.segmentDefaults)[0];
  const segmentDefaults = { ...parent.segmentDefaults };
  for (const label of plan.added) if (copied) segmentDefaults[label] = { ...copied };
  const labels =
    plan.added.length === 0
      ? parent.labels
      : { ...parent.labels, names: plan.labels, sha256: hash(`${plan.labels.join("\n")}\n`) };
  return {
    ...parent,
    version,
    head: { file: "head.onnx", sha256: headSha256 },
    labels,
    segmentDefaults,
  };
}
