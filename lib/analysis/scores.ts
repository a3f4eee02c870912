import { z } from "zod";
import type { ScoreTrack } from "../highlights/segments";

// The stored score timeline (one JSON object per analysis in S3): one value per window per class.
// Browser-safe, so the review page can re-derive segments from it without the model.
export const ZScoreFile = z.object({
  version: z.literal(1),
  labels: z.array(z.string()),
  rate: z.number().positive(),
  windowFrames: z.number().int().positive(),
  strideFrames: z.number().int().positive(),
  // global window indices; window w covers frames [w·stride, w·stride + windowFrames)
  windows: z.array(z.number().int().nonnegative()),
  scores: z.record(z.string(), z.array(z.number())),
});
export type TScoreFile = z.infer<typeof ZScoreFile>;

export function windowCentre(
  file: Pick<TScoreFile, "rate" | "windowFrames" | "strideFrames">,
  w: number,
): number {
  return (w * file.strideFrames + file.windowFrames / 2) / file.rate;
}

export function tracksOf(file: TScoreFile): ScoreTrack[] {
  const times = file.windows.map((w) => windowCentre(file, w));
  return file.labels.map((label) => ({
    label,
    times,
    scores: file.scores[label] ?? [],
    stepS: file.strideFrames / file.rate,
    windowS: file.windowFrames / file.rate,
  }));
}
