import { describe, expect, it } from "vitest";
import { candidateRegions, candidateScores, coverage, type TCandidateModel } from "./candidates";

const model = (threshold = 0.5): TCandidateModel => ({
  schema: 1,
  kind: "logistic",
  dim: 2,
  threshold,
  bias: -1,
  weights: [2, -1],
});

describe("candidate model", () => {
  it("scores each frame as sigmoid(features · w + b)", () => {
    const s = candidateScores(model(), new Float32Array([0, 0, 1, 0, 0, 1]));
    expect(Array.from(s).map((x) => +x.toFixed(4))).toEqual([0.2689, 0.7311, 0.1192]);
  });
});

describe("candidate regions", () => {
  const o = { threshold: 0.5, padS: 3, durationS: 60, rate: 4 };

  it("pads each frame at or above the threshold, snapped outwards to the 4-fps grid", () => {
    expect(candidateRegions([10.1, 12.3, 40], [0.2, 0.5, 0.49], o)).toEqual([{ startS: 9.25, endS: 15.5 }]);
  });

  it("merges regions that overlap and keeps apart those that do not", () => {
    expect(candidateRegions([10, 14, 30], [0.9, 0.9, 0.9], o)).toEqual([
      { startS: 7, endS: 17 },
      { startS: 27, endS: 33 },
    ]);
  });

  it("stays inside the source", () => {
    expect(candidateRegions([1, 59], [1, 1], o)).toEqual([
      { startS: 0, endS: 4 },
      { startS: 56, endS: 60 },
    ]);
  });

  it("gives no region when nothing is a candidate, and coverage counts the regions' share", () => {
    expect(candidateRegions([1, 2], [0.1, 0.2], o)).toEqual([]);
    expect(
      coverage(
        [
          { startS: 0, endS: 6 },
          { startS: 30, endS: 36 },
        ],
        60,
      ),
    ).toBe(0.2);
  });
});
