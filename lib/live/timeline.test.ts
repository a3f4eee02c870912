import { describe, expect, it } from "vitest";
import { deriveAllSegments } from "../highlights/segments";
import { joinScores, liveSegments } from "./timeline";

const grid = { labels: ["background", "penalty"], rate: 4, windowFrames: 16, strideFrames: 2 };
const params = { penalty: { enter: 0.6, exit: 0.4, minLengthS: 1, mergeGapS: 2, preRollS: 1, postRollS: 1 } };

// windows 0..n-1 with the penalty score given per window
function file(pen: number[]) {
  const parts = [
    { windows: pen.map((_, i) => i), scores: { background: pen.map((p) => 1 - p), penalty: pen } },
  ];
  return joinScores(grid, parts);
}

describe("joinScores", () => {
  it("concatenates segments' windows and scores in order", () => {
    const f = joinScores(grid, [
      { windows: [0, 1], scores: { background: [0.9, 0.8], penalty: [0.1, 0.2] } },
      { windows: [2], scores: { background: [0.7], penalty: [0.3] } },
    ]);
    expect(f.windows).toEqual([0, 1, 2]);
    expect(f.scores.penalty).toEqual([0.1, 0.2, 0.3]);
  });
});

describe("liveSegments", () => {
  const high = Array(10).fill(0.9);
  const low = (n: number) => Array(n).fill(0.1);

  it("keeps a run that is still open pending", () => {
    const { settled, pending } = liveSegments(file([...low(10), ...high]), params, 12, false);
    expect(settled).toEqual([]);
    expect(pending).toHaveLength(1);
  });

  it("keeps a closed run pending until the merge gap and the rolls have been seen", () => {
    // run ends at window 19 (centre 11.5 s → end 11.75 s, padded 12.75 s); 2 more low windows: too soon
    const { settled } = liveSegments(file([...low(10), ...high, ...low(2)]), params, 14, false);
    expect(settled).toEqual([]);
  });

  it("settles it once nothing later can change it, with the same bounds as a whole-file derivation", () => {
    const pen = [...low(10), ...high, ...low(12)];
    const { settled, pending } = liveSegments(file(pen), params, 20, false);
    expect(pending).toEqual([]);
    expect(settled).toHaveLength(1);
    // more footage later does not move it
    const later = [...pen, ...low(40)];
    const whole = deriveAllSegments(
      [
        {
          label: "penalty",
          times: later.map((_, i) => (i * 2 + 8) / 4),
          scores: later,
          stepS: 0.5,
          windowS: 4,
        },
      ],
      params,
      60,
    );
    expect(settled[0]).toEqual(whole[0]);
  });

  it("settles everything once the stream is over", () => {
    expect(liveSegments(file([...low(10), ...high]), params, 12, true).settled).toHaveLength(1);
  });
});
