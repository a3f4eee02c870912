import { describe, expect, it } from "vitest";
import type { TScoreFile } from "../analysis/scores";
import { planApply, scoreStats, type ExistingHighlight } from "./apply";

const seg = (label: string, start: number, end: number) => ({ label, start, end, peak: 0.9, mean: 0.7 });
const hl = (
  id: string,
  startS: number,
  endS: number,
  status: ExistingHighlight["status"],
  label = "penalty",
) => ({
  id,
  label,
  startS,
  endS,
  status,
});

describe("planApply", () => {
  it("keeps unchanged suggestions, replaces changed ones and never touches decisions", () => {
    const existing = [
      hl("same", 10, 20, "suggested"),
      hl("moved", 40, 50, "suggested"),
      hl("acc", 60, 70, "accepted"),
      hl("rej", 80, 90, "rejected"),
      hl("gone", 100, 110, "suggested"),
    ];
    const derived = [
      seg("penalty", 10, 20),
      seg("penalty", 41, 50),
      seg("penalty", 65, 75),
      seg("penalty", 120, 130),
    ];
    const plan = planApply(existing, derived);
    expect(plan.remove.sort()).toEqual(["gone", "moved"]);
    // 65–75 overlaps the accepted 60–70: dropped, the editor already decided on that moment
    expect(plan.create.map((s) => [s.start, s.end])).toEqual([
      [41, 50],
      [120, 130],
    ]);
    expect(plan.kept).toBe(3);
  });

  it("only a decision of the same class blocks a suggestion", () => {
    const plan = planApply([hl("acc", 0, 10, "accepted", "goal")], [seg("penalty", 5, 8)]);
    expect(plan.create).toHaveLength(1);
  });
});

describe("scoreStats", () => {
  const file: TScoreFile = {
    version: 1,
    labels: ["background", "penalty"],
    rate: 1,
    windowFrames: 2,
    strideFrames: 1,
    windows: [0, 1, 2, 3],
    scores: { background: [0.9, 0.8, 0.1, 0.2], penalty: [0.1, 0.2, 0.9, 0.8] },
  };
  it("takes peak and mean of windows centred inside the span", () => {
    // centres 1, 2, 3, 4 s
    expect(scoreStats(file, "penalty", 2, 4)).toEqual({ peak: 0.9, mean: (0.2 + 0.9 + 0.8) / 3 });
    expect(scoreStats(file, "goal", 0, 4)).toEqual({ peak: 0, mean: 0 });
    expect(scoreStats(file, "penalty", 10, 12)).toEqual({ peak: 0, mean: 0 });
  });
});
