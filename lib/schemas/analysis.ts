import { z } from "zod";
import { ZSegmentParams } from "../model/manifest";

/**
 * `Analysis.params` (JSON in the database), typed. The analyze job writes it once: the chunk plan every
 * chunk job and the finaliser read (so none of them re-plans), and the segment parameters the review
 * room may replace later.
 */

// JSON has no undefined: an open-ended chunk (the last one) is stored without durationS/ownFrames.
export const ZChunkPlan = z
  .object({
    index: z.number().int().nonnegative(),
    startS: z.number().nonnegative(),
    durationS: z.number().positive().optional(),
    firstFrame: z.number().int().nonnegative(),
    ownFrames: z.number().int().positive().optional(),
  })
  .transform((c) => ({
    index: c.index,
    startS: c.startS,
    durationS: c.durationS,
    firstFrame: c.firstFrame,
    ownFrames: c.ownFrames,
  }));
export type TChunkPlan = z.output<typeof ZChunkPlan>;

const ZSegments = z.record(z.string(), ZSegmentParams);

export const ZAnalysisParams = z.object({
  /** ANALYZE_CHUNK_S when it was planned. */
  chunkS: z.number().positive(),
  chunks: z.number().int().positive(),
  plan: z.array(ZChunkPlan).min(1),
  segments: ZSegments.optional(),
});
export type TAnalysisParams = z.output<typeof ZAnalysisParams>;
export type TAnalysisParamsInput = z.input<typeof ZAnalysisParams>;

/** The params of an analysis that is still running; a clear error if they are not what analyze wrote. */
export function analysisParamsOf(raw: unknown): TAnalysisParams {
  const out = ZAnalysisParams.safeParse(raw);
  if (!out.success) {
    throw new Error(`analysis params are not a stored chunk plan: ${z.prettifyError(out.error)}`);
  }
  return out.data;
}

/**
 * The segment parameters alone, from any analysis row, also from versions that stored no plan: a
 * finished analysis only needs these (review room, finaliser). Unreadable ones read as "none".
 */
export function storedSegmentsOf(raw: unknown): z.output<typeof ZSegments> | undefined {
  const out = z.object({ segments: ZSegments.optional() }).safeParse(raw);
  return out.success ? out.data.segments : undefined;
}

/**
 * The segment parameters an analysis derives highlights with: the model's defaults, overridden per label
 * by what an editor applied. A label the editor never tuned (one a retrained version learnt since,
 * issue #14 item 4) keeps its default instead of getting no highlights at all.
 */
export function segmentParamsOf(
  raw: unknown,
  defaults: Readonly<Record<string, z.output<typeof ZSegments>[string]>>,
): z.output<typeof ZSegments> {
  return { ...defaults, ...storedSegmentsOf(raw) };
}
