import { describe, expect, it } from "vitest";
import { deriveAllSegments, deriveSegments, hysteresisRuns, type SegmentParams } from "./segments";

const base: SegmentParams = { enter: 0.7, exit: 0.4, minLengthS: 0, mergeGapS: 0, preRollS: 0, postRollS: 0 };
const track = (scores: number[], stepS = 1) => ({
  label: "penalty",
  scores,
  stepS,
  times: scores.map((_, i) => i * stepS + stepS / 2),
});

describe("hysteresisRuns", () => {
  it("opens at enter and stays open until below exit", () => {
    expect(hysteresisRuns([0.1, 0.8, 0.5, 0.45, 0.3, 0.9], 0.7, 0.4)).toEqual([
      { first: 1, last: 3 },
      { first: 5, last: 5 },
    ]);
  });
  it("does not open on scores between exit and enter", () => {
    expect(hysteresisRuns([0.5, 0.6, 0.69], 0.7, 0.4)).toEqual([]);
  });
});

describe("deriveSegments", () => {
  it("turns a run into a time span with peak and mean", () => {
    const [seg] = deriveSegments(track([0, 0.8, 0.6, 0]), base, 10);
    expect(seg).toEqual({ label: "penalty", start: 1, end: 3, peak: 0.8, mean: 0.7 });
  });
  it("merges runs separated by at most mergeGapS", () => {
    const scores = [0.9, 0.1, 0.9, 0.1, 0.1, 0.9];
    expect(deriveSegments(track(scores), { ...base, mergeGapS: 1 }, 10).map((s) => [s.start, s.end])).toEqual(
      [
        [0, 3],
        [5, 6],
      ],
    );
  });
  it("drops segments shorter than minLengthS, measured after merging", () => {
    const scores = [0.9, 0.1, 0.9, 0.1, 0.1, 0.1, 0.9];
    const segs = deriveSegments(track(scores), { ...base, mergeGapS: 1, minLengthS: 2 }, 10);
    expect(segs.map((s) => [s.start, s.end])).toEqual([[0, 3]]);
  });
  it("pads with pre/post roll and clamps to [0, duration]", () => {
    const segs = deriveSegments(track([0.9, 0, 0, 0, 0.9]), { ...base, preRollS: 2, postRollS: 3 }, 6.5);
    // [0,1] → [-2,4] → [0,4]; [4,5] → [2,8] → [2,6.5]; they now overlap, so one clip.
    expect(segs.map((s) => [s.start, s.end])).toEqual([[0, 6.5]]);
  });
  it("keeps padded segments apart when they do not touch", () => {
    const segs = deriveSegments(
      track([0.9, 0, 0, 0, 0, 0, 0.9]),
      { ...base, preRollS: 1, postRollS: 1 },
      100,
    );
    expect(segs.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [5, 8],
    ]);
  });
  it("returns nothing for an empty track", () => {
    expect(deriveSegments(track([]), base, 10)).toEqual([]);
  });
});

describe("deriveAllSegments", () => {
  it("only derives labels that have params, sorted by start", () => {
    const segs = deriveAllSegments(
      [
        { ...track([0, 0, 0.9]), label: "penalty" },
        { ...track([0.9, 0, 0]), label: "background" },
        { ...track([0.9, 0, 0]), label: "goal" },
      ],
      { penalty: base, goal: base },
      3,
    );
    expect(segs.map((s) => `${s.label}@${s.start}`)).toEqual(["goal@0", "penalty@2"]);
  });
});
