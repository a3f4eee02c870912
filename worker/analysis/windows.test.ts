import { describe, expect, it } from "vitest";
import { blockWindows, gatherSpans, windowCentreS, windowsWithin } from "./windows";

const gatherWindows = (
  g: typeof grid,
  f: Float32Array,
  first: number,
  count: number,
  wholeSource: boolean,
) => {
  const spans = blockWindows(g, first, count, wholeSource);
  return { spans, data: gatherSpans(spans, g.frames, f, first, count, 1) };
};

const grid = { frames: 4, stride: 2, rate: 4 };

describe("windowsWithin", () => {
  it("lists the grid windows fully inside a frame range", () => {
    expect(windowsWithin(grid, 0, 9).map((w) => w.window)).toEqual([0, 1, 2]);
    expect(windowsWithin(grid, 3, 6).map((w) => w.window)).toEqual([2]);
  });
  it("covers every window exactly once across chunks overlapping by one window", () => {
    const whole = windowsWithin(grid, 0, 40).map((w) => w.window);
    const chunks = [
      windowsWithin(grid, 0, 12 + 4),
      windowsWithin(grid, 12, 12 + 4),
      windowsWithin(grid, 24, 16),
    ];
    const union = [...new Set(chunks.flat().map((w) => w.window))].sort((a, b) => a - b);
    expect(union).toEqual(whole);
  });
});

describe("blockWindows + gatherSpans", () => {
  it("starts no window before the video's first picture (issue #23), chunks alike", () => {
    expect(blockWindows(grid, 0, 20, true, 5).map((w) => w.window)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(blockWindows(grid, 0, 20, true).map((w) => w.window)[0]).toBe(0);
    // a chunk past the lead is unchanged; one that ends inside it scores nothing
    expect(blockWindows(grid, 8, 8, false, 5)).toEqual(blockWindows(grid, 8, 8, false));
    expect(blockWindows(grid, 0, 6, false, 5)).toEqual([]);
    // a short whole source with a lead: one padded window from the first picture's grid slot on
    expect(blockWindows(grid, 0, 8, true, 5)).toEqual([{ window: 3, firstFrame: 6 }]);
    expect(blockWindows(grid, 0, 6, true, 6)).toEqual([]);
  });
  it("copies frame features into [W, T, D] and pads a short whole source", () => {
    const feats = new Float32Array([1, 2, 3]); // 3 frames, dim 1
    expect([...gatherWindows(grid, feats, 0, 3, true).data]).toEqual([1, 2, 3, 3]);
    expect(gatherWindows(grid, feats, 0, 3, false).spans).toEqual([]);
  });
  it("uses global frame indices", () => {
    const feats = Float32Array.from({ length: 6 }, (_, i) => 10 + i); // frames 10..15
    const { spans, data } = gatherWindows(grid, feats, 10, 6, false);
    expect(spans.map((s) => s.window)).toEqual([5, 6]);
    expect([...data]).toEqual([10, 11, 12, 13, 12, 13, 14, 15]);
  });
});

describe("windowCentreS", () => {
  it("is the middle of the window in seconds", () => {
    expect(windowCentreS(grid, 3)).toBe(2);
  });
});
