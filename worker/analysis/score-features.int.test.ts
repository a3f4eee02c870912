import { afterAll, describe, expect, it } from "vitest";
import { calibrate, loadModel } from "@/lib/model";
import { scoreWindows } from "../inference/head";
import { disposeSessions } from "../inference/session";
import { SCORE_BATCH_WINDOWS, scoreFeatures } from "./pipeline";
import { blockWindows, gatherSpans } from "./windows";

afterAll(() => disposeSessions());

describe("scoreFeatures", () => {
  it("scores a long block in batches exactly as in one head run", async () => {
    const model = await loadModel();
    const m = model.manifest;
    const dim = m.backbone.featureDim;
    const grid = { frames: m.window.frames, stride: m.window.stride, rate: m.sampleRate };
    // a little over two batches of windows, post-ReLU-like values
    const count = (2 * SCORE_BATCH_WINDOWS + 37) * grid.stride + grid.frames;
    let seed = 3;
    const features = Float32Array.from(
      { length: count * dim },
      () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2,
    );
    const batched = await scoreFeatures(model, { firstFrame: 0, count, features }, true);

    const spans = blockWindows(grid, 0, count, true);
    expect(spans.length).toBeGreaterThan(2 * SCORE_BATCH_WINDOWS);
    const once = calibrate(
      m.calibration,
      await scoreWindows(model, gatherSpans(spans, grid.frames, features, 0, count, dim), spans.length),
      model.labels.length,
    );
    expect(batched.windows).toEqual(spans.map((s) => s.window));
    expect(batched.scores.length).toBe(once.length);
    let maxDiff = 0;
    once.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - batched.scores[i]!))));
    expect(maxDiff).toBeLessThanOrEqual(1e-6);
  }, 120_000);
});
