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

/** What a job handler is given by the runtime, for calling `handle` directly. */
export const jobCtx = () => ({
  jobId: "test",
  attempt: 1,
  reportProgress: async () => undefined,
  signal: new AbortController().signal,
});
