// False highlights and recall on one video at several entry thresholds, for two of its analyses (the
// installed model's and the re-scored one), from their stored score files: whether a retrained head
// separates kicks from the rest better, also where the default threshold already shows no false
// highlight. Used by scripts/bench-learn.ts; its thresholds are fixed here, not chosen on the result.
import { tracksOf, ZScoreFile } from "@/lib/analysis/scores";
import { db } from "@/lib/platform/db";
import { deriveAllSegments } from "@/lib/highlights/segments";
import { compareWithLabels, type LabelledInterval } from "@/lib/learn/windows";
import { getObjectBytes } from "@/lib/platform/storage";

export const SWEEP = [0.05, 0.1, 0.2, 0.3, 0.54];

export async function sweep(analysisId: string, kicks: LabelledInterval[], durationS: number) {
  const a = await db().analysis.findUniqueOrThrow({ where: { id: analysisId } });
  const scores = ZScoreFile.parse(JSON.parse(new TextDecoder().decode(await getObjectBytes(a.scoresKey!))));
  const base = { minLengthS: 1, mergeGapS: 2, preRollS: 1, postRollS: 1 };
  return SWEEP.map((enter) => {
    const params = { penalty: { ...base, enter, exit: Math.max(Math.min(0.1, enter), enter - 0.2) } };
    const c = compareWithLabels(
      deriveAllSegments(tracksOf(scores), params, durationS),
      kicks,
      "penalty",
      true,
      durationS,
    );
    return { enter, false: c.falseHighlights, found: c.found, events: c.events };
  });
}
