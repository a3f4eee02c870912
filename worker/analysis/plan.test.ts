import { describe, expect, it } from "vitest";
import { planChunks } from "./plan";

describe("planChunks", () => {
  it("keeps a short video in one chunk read to the end", () => {
    expect(planChunks(90, 2, 16, 300)).toEqual([
      { index: 0, startS: 0, durationS: undefined, firstFrame: 0, ownFrames: undefined },
    ]);
  });

  it("overlaps each chunk by one window and ends the last at the source end", () => {
    const chunks = planChunks(700, 2, 16, 300);
    expect(chunks.map((c) => [c.startS, c.durationS, c.firstFrame, c.ownFrames])).toEqual([
      [0, 308, 0, 600],
      [300, 308, 600, 600],
      [600, undefined, 1200, undefined],
    ]);
  });

  it("puts chunk starts on the sampling grid", () => {
    for (const c of planChunks(1000, 3, 10, 7.1)) expect((c.startS * 3) % 1).toBeCloseTo(0, 9);
  });

  it("covers every window of a long video exactly once as an owner", () => {
    const rate = 2,
      W = 16,
      stride = 2,
      durationS = 1234.5;
    const chunks = planChunks(durationS, rate, W, 60);
    const totalFrames = Math.ceil(durationS * rate);
    for (let start = 0; start + W <= totalFrames; start += stride) {
      // the owner of a window is the chunk whose span contains its first frame; its read span must hold the whole window
      const owner = chunks.find(
        (c) => start >= c.firstFrame && (c.ownFrames === undefined || start < c.firstFrame + c.ownFrames),
      )!;
      const readEnd = owner.durationS === undefined ? totalFrames : owner.firstFrame + owner.durationS * rate;
      expect(start + W).toBeLessThanOrEqual(readEnd);
    }
  });
});
