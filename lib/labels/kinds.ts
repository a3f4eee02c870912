import type { HighlightStatus, LabelKind, LabelOrigin } from "../generated/prisma/client";

export const BACKGROUND = "background";

/**
 * What a highlight's review status says about its interval: accepted/edited → the label is there,
 * rejected → it is not (background), suggested → nothing yet. A hand-made highlight is "added", a moved
 * one "trim".
 */
export function labelOfDecision(
  status: HighlightStatus,
  how: { moved: boolean; added: boolean },
): { kind: LabelKind; origin: LabelOrigin } | null {
  if (status === "suggested") return null;
  if (status === "rejected") return { kind: "negative", origin: "reject" };
  if (how.added) return { kind: "positive", origin: "added" };
  if (how.moved || status === "edited") return { kind: "positive", origin: "trim" };
  return { kind: "positive", origin: "accept" };
}
