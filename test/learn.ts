import { encodeF16 } from "@/lib/analysis/f16";
import { db } from "@/lib/platform/db";
import { keys, putObject } from "@/lib/platform/storage";
import { makeVideo } from "./fixtures";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import type { JobName } from "@/lib/pipeline/graph";
import { committer } from "@/worker/runtime-next";

// Synthetic cached features for the learning-loop tests (no decode): low noise, and inside each event
// span a pattern on every `period`-th channel from `offset`. The noise generator is the returned
// function's own, so successive calls give successive (different, reproducible) videos.
export function syntheticFeatures(opts: {
  frames: number;
  dim: number;
  /** [start s, end s) at 4 frames per second */
  spans: readonly (readonly [number, number])[];
  period: number;
  offset: number;
  seed: number;
}): () => Float32Array {
  let seed = opts.seed;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 0.3;
  return () => {
    const { frames, dim, spans, period, offset } = opts;
    const f = new Float32Array(frames * dim);
    for (let t = 0; t < frames; t++) {
      const inEvent = spans.some(([a, b]) => t / 4 >= a && t / 4 < b);
      for (let d = 0; d < dim; d++) f[t * dim + d] = inEvent ? (d % period === offset ? 3 : 0) : rnd();
    }
    return f;
  };
}

/** What the runtime gives job `name`'s handler, for calling `handle` directly (commit stages its next). */
export const jobCtx = (name: JobName = "retrain") => ({
  jobId: "test",
  attempt: 1,
  reportProgress: async () => undefined,
  signal: new AbortController().signal,
  commit: committer(name),
});

/**
 * A video whose analysis is complete with the given synthetic cached features, reviewed, and labelled
 * with `marks` (positive intervals): what a retrain learns from, without any decode.
 */
export async function makeLabelledVideo(o: {
  ownerId: string;
  name: string;
  features: Float32Array;
  durationS: number;
  marks: readonly { label: string; startS: number; endS: number }[];
  origin?: "import" | "added";
}): Promise<{ videoId: string; analysisId: string }> {
  const v = await makeVideo(o.ownerId, new TextEncoder().encode(o.name), `${o.name}.mp4`);
  await db().video.update({
    where: { id: v.id },
    data: { ...videoLifecycle.seed("ready"), durationS: o.durationS, fps: 25, reviewCompleteAt: new Date() },
  });
  const a = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "penalty-lstm",
      modelVersion: "1.2.0",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const featuresKey = keys.features(v.id, a.id);
  await putObject(featuresKey, encodeF16(o.features), "application/octet-stream");
  await db().analysis.update({ where: { id: a.id }, data: { featuresKey } });
  await db().trainingLabel.createMany({
    data: o.marks.map((m) => ({
      videoId: v.id,
      analysisId: a.id,
      kind: "positive" as const,
      origin: o.origin ?? ("import" as const),
      ...m,
    })),
  });
  return { videoId: v.id, analysisId: a.id };
}
