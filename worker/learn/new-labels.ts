import { BACKGROUND } from "@/lib/labels/kinds";
import type { TModelManifest } from "@/lib/model";
import type { LabelPlan } from "@/lib/learn/labelled";
import { hash } from "./dataset";

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
