// Which segment parameters the review room starts from. Pure, so the rule is tested without React.
import type { SegmentParams } from "@/lib/highlights/segments";

// For a class the model has no defaults for (a manifest gone from disk): a reasonable start.
export const FALLBACK: SegmentParams = {
  enter: 0.5,
  exit: 0.4,
  minLengthS: 1,
  mergeGapS: 2,
  preRollS: 2,
  postRollS: 2,
};

/**
 * The saved parameters per class: the model's defaults overridden by what the editor applied, limited
 * to classes the scores have; when none of them is tuned, every non-background class gets FALLBACK.
 */
export function savedParams(
  defaults: Record<string, SegmentParams>,
  applied: Record<string, SegmentParams> | null | undefined,
  labels: string[],
): Record<string, SegmentParams> {
  const out: Record<string, SegmentParams> = { ...defaults, ...applied };
  const tuned = Object.keys(out).filter((l) => labels.includes(l));
  if (tuned.length === 0) for (const l of labels.filter((x) => x !== "background")) out[l] = FALLBACK;
  return Object.fromEntries(Object.entries(out).filter(([l]) => labels.includes(l)));
}
