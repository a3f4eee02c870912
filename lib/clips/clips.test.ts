import { describe, expect, it } from "vitest";
import { clipFileName, clockStamp, slugify, zipFileName } from "./names";
import { clipNumbers, reelSelection } from "./selection";

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
