import { describe, expect, it } from "vitest";
import { clipFileName, clockStamp, exportFileName, reelFileName, slugify, zipFileName } from "./names";
import { clipNumbers, labelsOf, ofLabel, reelSelection, unknownLabelMessage } from "./selection";

describe("download names", () => {
  it("slugifies titles to ASCII", () => {
    expect(slugify("Ligue 1: Nîmes vs. Saint-Étienne (2nd half)")).toBe(
      "ligue-1-nimes-vs-saint-etienne-2nd-half",
    );
    expect(slugify("***")).toBe("video");
  });
  it("names a clip <title>_<label>_<nn>_<mm>m<ss>s.mp4", () => {
    expect(clipFileName("Cup Final", "penalty", 3, 5723.9)).toBe("cup-final_penalty_03_95m23s.mp4");
    expect(clockStamp(0)).toBe("00m00s");
    expect(zipFileName("Cup Final")).toBe("cup-final_clips.zip");
  });
  it("says the label in the name of a one-label download", () => {
    expect(zipFileName("Cup Final", "goal")).toBe("cup-final_goal_clips.zip");
    expect(reelFileName("Cup Final", "Red card")).toBe("cup-final_red-card_reel.mp4");
    expect(reelFileName("Cup Final", null)).toBe("cup-final_reel.mp4");
    expect(exportFileName("Cup Final", "csv", "penalty")).toBe("cup-final_penalty_highlights.csv");
    expect(exportFileName("Cup Final", "edl")).toBe("cup-final_highlights.edl");
  });
});

describe("reel selection", () => {
  const h = (id: string, status: "suggested" | "accepted" | "rejected" | "edited", startS: number) => ({
    id,
    label: "penalty",
    status,
    startS,
  });
  it("takes accepted and edited highlights in time order", () => {
    const r = reelSelection([
      h("a", "accepted", 50),
      h("b", "suggested", 10),
      h("c", "edited", 20),
      h("d", "rejected", 5),
    ]);
    expect(r.rule).toBe("accepted");
    expect(r.items.map((x) => x.id)).toEqual(["c", "a"]);
  });
  it("falls back to everything not rejected while nothing is accepted", () => {
    const r = reelSelection([h("a", "suggested", 50), h("b", "rejected", 10), h("c", "suggested", 20)]);
    expect(r).toMatchObject({ rule: "not-rejected" });
    expect(r.items.map((x) => x.id)).toEqual(["c", "a"]);
  });
  it("numbers clips per label in time order", () => {
    const n = clipNumbers([
      { id: "x", label: "penalty", startS: 9 },
      { id: "y", label: "goal", startS: 1 },
      { id: "z", label: "penalty", startS: 2 },
    ]);
    expect([...n.entries()]).toEqual([
      ["y", 1],
      ["z", 1],
      ["x", 2],
    ]);
  });
});

describe("downloads of one label", () => {
  const hs = [
    { id: "p1", label: "penalty", status: "accepted" as const, startS: 40 },
    { id: "g1", label: "goal", status: "suggested" as const, startS: 10 },
    { id: "g2", label: "goal", status: "rejected" as const, startS: 30 },
    { id: "p2", label: "penalty", status: "suggested" as const, startS: 20 },
  ];
  it("lists the labels there are, once each, sorted", () => {
    expect(labelsOf(hs)).toEqual(["goal", "penalty"]);
    expect(labelsOf([])).toEqual([]);
  });
  it("keeps one label's highlights, every highlight for null, and null for a label none has", () => {
    expect(ofLabel(hs, "goal")!.map((h) => h.id)).toEqual(["g1", "g2"]);
    expect(ofLabel(hs, null)).toHaveLength(4);
    expect(ofLabel(hs, "save")).toBeNull();
    expect(ofLabel(hs, "Goal")).toBeNull();
  });
  it("applies the reel rule within the label: accepted penalties elsewhere do not hide suggested goals", () => {
    const goals = reelSelection(ofLabel(hs, "goal")!);
    expect(goals).toMatchObject({ rule: "not-rejected" });
    expect(goals.items.map((h) => h.id)).toEqual(["g1"]);
    const penalties = reelSelection(ofLabel(hs, "penalty")!);
    expect(penalties).toMatchObject({ rule: "accepted" });
    expect(penalties.items.map((h) => h.id)).toEqual(["p1"]);
  });
  it("names the labels there are when one is unknown", () => {
    expect(unknownLabelMessage("save", ["goal", "penalty"])).toBe(
      'This video\'s current analysis has no highlights labelled "save" (its labels are goal, penalty)',
    );
    expect(unknownLabelMessage("save", [])).toMatch(/it has no highlights yet/);
  });
});
