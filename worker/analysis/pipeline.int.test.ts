import { afterAll, describe, expect, it } from "vitest";
import { loadModel } from "@/lib/model";
import { disposeSessions } from "../inference/session";
import { analyze, mergeTimelines } from "./pipeline";

// 5.0 s broadcast penalty, 25 fps: 20 frames at 4 fps, windows of 16 every 2.
const CLIP = "../shared/data/clips/penalty/wc2022-jpn-cro/tiago_jpn-cro-wc2022-1.mp4";

afterAll(() => disposeSessions());

describe("analyze", () => {
  it("gives identical features and scores chunked (one window of overlap) and whole", async () => {
    const model = await loadModel("penalty-lstm");
    const whole = await analyze({ input: CLIP, model });
    expect(whole.timeline.windows.length).toBeGreaterThan(1);
    const windowS = model.manifest.window.frames / model.manifest.sampleRate;
    const chunkS = 0.5;
    const parts = [];
    for (let s = 0; s < 5; s += chunkS)
      parts.push(await analyze({ input: CLIP, model, startS: s, durationS: chunkS + windowS }));
    const merged = mergeTimelines(parts.map((p) => p.timeline));
    expect(merged.windows).toEqual(whole.timeline.windows);
    expect(Array.from(merged.scores)).toEqual(Array.from(whole.timeline.scores));
    const dim = whole.featureDim;
    const second = parts[1]!;
    const offset = second.firstFrame * dim;
    expect(Array.from(second.features.subarray(0, 4 * dim))).toEqual(
      Array.from(whole.features.subarray(offset, offset + 4 * dim)),
    );
  });

  it("reports progress up to 100 and honours abort", async () => {
    const model = await loadModel("penalty-lstm");
    const seen: number[] = [];
    await analyze({ input: CLIP, model, expectedDurationS: 5, onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toBe(100);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    const ac = new AbortController();
    const run = analyze({
      input: CLIP,
      model,
      signal: ac.signal,
      expectedDurationS: 5,
      onProgress: () => ac.abort(),
    });
    await expect(run).rejects.toThrow(/abort/i);
  });
});
