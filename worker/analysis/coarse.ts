import type { LoadedModel } from "@/lib/model";
import { coarseFrames, keyframeIntervalS, type CoarseSampler } from "../ffmpeg/coarse-frames";
import { BACKBONE_BATCH, embedFrames } from "../inference/backbone";
import { candidateScores, candidateRegions, type Region, type TCandidateModel } from "./candidates";

// Issue #28: the coarse pass — a look at the whole match from its keyframes alone.

export interface CoarseResult {
  sampler: CoarseSampler;
  timesS: number[];
  features: Float32Array; // [timesS.length × featureDim]
  scores: Float32Array; // the candidate model's, per frame
}

export interface CoarseOptions {
  input: string;
  model: LoadedModel;
  candidate: TCandidateModel;
  durationS: number;
  startTimeS?: number;
  signal?: AbortSignal;
  onProgress?: (pct: number) => void;
}

export async function coarsePass(o: CoarseOptions): Promise<CoarseResult> {
  const dim = o.model.manifest.backbone.featureDim;
  const { sampler, frames } = await coarseFrames({
    input: o.input,
    size: o.model.manifest.preprocess.size,
    durationS: o.durationS,
    startTimeS: o.startTimeS,
    signal: o.signal,
  });
  const timesS: number[] = [];
  const parts: Float32Array[] = [];
  let batch: { timeS: number; rgb: Uint8Array }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    parts.push(
      await embedFrames(
        o.model,
        batch.map((f) => f.rgb),
      ),
    );
    for (const f of batch) timesS.push(f.timeS);
    o.onProgress?.(Math.min(100, (100 * batch.at(-1)!.timeS) / o.durationS));
    batch = [];
  };
  for await (const f of frames) {
    o.signal?.throwIfAborted();
    batch.push(f);
    if (batch.length === BACKBONE_BATCH) await flush();
  }
  await flush();
  const features = new Float32Array(timesS.length * dim);
  let at = 0;
  for (const p of parts) {
    features.set(p, at);
    at += p.length;
  }
  return { sampler, timesS, features, scores: candidateScores(o.candidate, features) };
}

/**
 * The padding around each candidate frame, by a rule fixed before any figure was taken (not searched):
 * the kick may lie anywhere up to one sampling gap after or before the frame that saw its scene, and
 * the fine pass needs a whole window (4 s) plus the segment merge gap (2 s) on either side of it.
 */
export function regionPadS(model: LoadedModel, coarseGapS: number): number {
  const m = model.manifest;
  const windowS = m.window.frames / m.sampleRate;
  const mergeGapS = Math.max(0, ...Object.values(m.segmentDefaults).map((p) => p.mergeGapS));
  return coarseGapS + windowS + mergeGapS;
}

/** The median gap between the coarse frames (the same measure as the keyframe interval); 0 with fewer than two. */
export function medianGapS(timesS: readonly number[]): number {
  const gap = keyframeIntervalS(timesS);
  return Number.isFinite(gap) ? gap : 0;
}

export function fineRegions(
  coarse: CoarseResult,
  model: LoadedModel,
  candidate: TCandidateModel,
  durationS: number,
): Region[] {
  return candidateRegions(coarse.timesS, coarse.scores, {
    threshold: candidate.threshold,
    padS: regionPadS(model, medianGapS(coarse.timesS)),
    durationS,
    rate: model.manifest.sampleRate,
  });
}
