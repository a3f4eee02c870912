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

// 4 s windows at a 0.5 s stride, as the penalty model scores: window i covers [0.5 i, 0.5 i + 4].
const windows = (scores: number[]) => ({
  label: "penalty",
  scores,
  stepS: 0.5,
  windowS: 4,
  times: scores.map((_, i) => 2 + 0.5 * i),
});

describe("deriveSegments on overlapping windows", () => {
  // A kick in [6, 7.5]: every window that overlaps it scores high, i.e. windows 5..14 (they start at
  // 2.5 … 7.0), the rest low.
  const kick = Array.from({ length: 30 }, (_, i) => (i >= 5 && i <= 14 ? 0.95 : 0.05));

  it("finds the kick itself (to half a step), not the union of the windows that overlap it", () => {
    const [seg] = deriveSegments(windows(kick), base, 30);
    // what the windows say: the kick starts in [6, 6.5) (window 4 ends at 6 and missed it, window 5
    // ends at 6.5) and ends in (7, 7.5]; the middle of each
    expect(seg!.start).toBeCloseTo(6.25, 9);
    expect(seg!.end).toBeCloseTo(7.25, 9);
    expect(seg!.peak).toBe(0.95);
  });
  it("pre- and post-roll add exactly what they say to the localised kick", () => {
    const [seg] = deriveSegments(windows(kick), { ...base, preRollS: 1, postRollS: 2 }, 30);
    expect([seg!.start, seg!.end]).toEqual([5.25, 9.25]);
  });
  it("a run of exactly one window's length is an instant; a shorter one is what its windows share", () => {
    const instant = kick.map((_, i) => (i >= 10 && i <= 17 ? 0.99 : 0.05));
    const [a] = deriveSegments(windows(instant), { ...base, preRollS: 1, postRollS: 1 }, 30);
    // windows 10..17 share only [8.5, 9]
    expect([a!.start, a!.end]).toEqual([7.5, 10]);
    const short = kick.map((_, i) => (i >= 10 && i <= 13 ? 0.99 : 0.05));
    const [b] = deriveSegments(windows(short), base, 30);
    // windows 10..13 cover [5, 9] … [6.5, 10.5]: they share [6.5, 9], less a quarter step each side
    expect([b!.start, b!.end]).toEqual([6.75, 8.75]);
  });
  it("minLengthS is checked on the evidence, before localising", () => {
    const instant = kick.map((_, i) => (i >= 10 && i <= 17 ? 0.99 : 0.05));
    expect(deriveSegments(windows(instant), { ...base, minLengthS: 4 }, 30)).toHaveLength(1);
    expect(deriveSegments(windows(instant), { ...base, minLengthS: 4.5 }, 30)).toHaveLength(0);
  });
  it("a source shorter than one window (one padded window) gives the whole source", () => {
    const [seg] = deriveSegments(windows([0.9]), base, 3);
    expect([seg!.start, seg!.end]).toEqual([0.25, 3]);
  });
});
