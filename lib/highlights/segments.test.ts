import { describe, expect, it } from "vitest";
import { deriveAllSegments, deriveSegments, hysteresisRuns, localise, type SegmentParams } from "./segments";

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

describe("localise", () => {
  it("scores each 0.5 s slice with the lowest window that contains it", () => {
    const t = localise(windows([0.1, 0.9, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.2]));
    // slices [0.5 m, 0.5 m + 0.5] for m = 0..16; slice m is inside windows max(0, m-7)..min(9, m)
    expect(t.times[0]).toBeCloseTo(0.25, 9);
    expect(t.times).toHaveLength(17);
    expect(t.scores[0]).toBe(0.1);
    expect(t.scores[8]).toBe(0.8); // windows 1..8
    expect(t.scores[9]).toBe(0.2); // windows 2..9
    expect(t.scores[16]).toBe(0.2); // window 9 only
  });
  it("leaves out slices that no window covers (live gaps) and keeps tracks without a window span", () => {
    const gap = { ...windows([0.9, 0.9]), times: [2, 12] };
    expect(localise(gap).times).toHaveLength(16);
    const plain = { label: "penalty", scores: [0.9], times: [0.5], stepS: 1 };
    expect(localise(plain)).toBe(plain);
  });
});

describe("deriveSegments on overlapping windows", () => {
  // A kick in [6, 7.5]: every window that touches it scores high, i.e. windows 5..14 (they start at
  // 2.5 … 7.0), the rest low.
  const kick = Array.from({ length: 30 }, (_, i) => (i >= 5 && i <= 14 ? 0.95 : 0.05));

  it("finds the kick itself, not the union of the windows that contain it", () => {
    const [seg] = deriveSegments(windows(kick), base, 30);
    expect(seg!.start).toBeCloseTo(6, 9);
    expect(seg!.end).toBeCloseTo(7.5, 9);
    expect(seg!.peak).toBe(0.95);
  });
  it("pre- and post-roll add exactly what they say to the localised kick", () => {
    const [seg] = deriveSegments(windows(kick), { ...base, preRollS: 1, postRollS: 2 }, 30);
    expect([seg!.start, seg!.end]).toEqual([5, 9.5]);
  });
  it("drops a burst of high windows shorter than one window", () => {
    const burst = kick.map((_, i) => (i >= 10 && i <= 13 ? 0.99 : 0.05));
    expect(deriveSegments(windows(burst), base, 30)).toEqual([]);
  });
  it("a source shorter than one window (one padded window) still gives its segment", () => {
    const [seg] = deriveSegments(windows([0.9]), base, 3);
    expect([seg!.start, seg!.end]).toEqual([0, 3]);
  });
});
