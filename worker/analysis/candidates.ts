import { readFileSync } from "node:fs";
import { z } from "zod";
import { resolveFile, verifySha256, modelRoots, type LoadedModel } from "@/lib/model";

// Issue #28: the coarse pass's per-frame candidate model (models/tools/candidate.py trains it) and
// the regions the fine pass then looks at. Pure functions apart from loading.

export const ZCandidateModel = z.object({
  schema: z.literal(1),
  kind: z.literal("logistic"),
  dim: z.number().int().positive(),
  threshold: z.number().min(0).max(1),
  bias: z.number(),
  weights: z.array(z.number()),
});
export type TCandidateModel = z.infer<typeof ZCandidateModel>;

export async function loadCandidate(model: LoadedModel): Promise<TCandidateModel | null> {
  const ref = model.manifest.candidate;
  if (!ref) return null;
  const file = resolveFile(ref.file, [model.dir, ...modelRoots()]);
  await verifySha256(file, ref.sha256);
  const c = ZCandidateModel.parse(JSON.parse(readFileSync(file, "utf8")));
  if (c.weights.length !== c.dim || c.dim !== model.manifest.backbone.featureDim)
    throw new Error(
      `Candidate model ${file} has ${c.weights.length} weights for dim ${c.dim}; the backbone gives ${model.manifest.backbone.featureDim}`,
    );
  return c;
}

/** P(penalty scene) per frame: sigmoid(features · w + b), features [n × dim]. */
export function candidateScores(c: TCandidateModel, features: Float32Array): Float32Array {
  const n = features.length / c.dim;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let z = c.bias;
    const base = i * c.dim;
    for (let j = 0; j < c.dim; j++) z += features[base + j]! * c.weights[j]!;
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

export interface Region {
  startS: number;
  endS: number;
}

/**
 * Each coarse frame at or above `threshold` opens [t − padS, t + padS]; overlapping or touching ones
 * merge. Edges snap outwards to the 4-fps slot grid (chunk starts must sit on it) and stay inside the
 * source.
 */
export function candidateRegions(
  timesS: readonly number[],
  scores: ArrayLike<number>,
  o: { threshold: number; padS: number; durationS: number; rate: number },
): Region[] {
  const out: Region[] = [];
  const snapDown = (t: number) => Math.max(0, Math.floor(t * o.rate) / o.rate);
  const snapUp = (t: number) => Math.min(o.durationS, Math.ceil(t * o.rate) / o.rate);
  timesS.forEach((t, i) => {
    if (scores[i]! < o.threshold) return;
    const r = { startS: snapDown(t - o.padS), endS: snapUp(t + o.padS) };
    const last = out.at(-1);
    if (last && r.startS <= last.endS) last.endS = Math.max(last.endS, r.endS);
    else out.push(r);
  });
  return out.filter((r) => r.endS > r.startS);
}

/** The fine pass's share of the source. */
export function coverage(regions: readonly Region[], durationS: number): number {
  return durationS > 0 ? regions.reduce((s, r) => s + r.endS - r.startS, 0) / durationS : 0;
}
