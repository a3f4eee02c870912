import { describe, expect, it } from "vitest";
import type { Segment } from "@/lib/highlights/segments";
import { judge, type Piece } from "./cv-judge";

const bg = (path: string, start: number, end: number): Piece => ({
  kind: "background",
  path,
  group: path,
  start,
  end,
  broadcast: true,
});
const kick = (path: string, start: number, end: number): Piece => ({
  kind: "kick",
  path,
  group: "m",
  start,
  end,
});
const seg = (start: number, end: number, peak = 0.9): Segment => ({
  label: "penalty",
  start,
  end,
  peak,
  mean: peak,
});

// bg a 0–15, kick k1 15–19, bg b 19–34, kick k2 34–35 (a strike-only cut), bg c 35–50, kick k3 50–56.
const pieces = [
  bg("a", 0, 15),
  kick("k1", 15, 19),
  bg("b", 19, 34),
  kick("k2", 34, 35),
  bg("c", 35, 50),
  kick("k3", 50, 56),
];

describe("judge (cross-validation matching)", () => {
  it("credits a highlight that overlaps several kicks with one kick only, the one it overlaps most", () => {
    const [h] = judge({ pieces }, [seg(11, 34.5)]);
    expect(h!.kicks).toEqual(["k1"]);
    expect(h!.covers).toEqual(["k2"]);
    expect(h!.in).toBeNull();
  });

  it("finds no kick by a highlight whose middle is more than a window away from it: that highlight is false", () => {
    const [h] = judge({ pieces }, [seg(0, 57)]);
    expect(h!.kicks).toEqual([]);
    expect(h!.covers).toEqual(["k1", "k2", "k3"]);
    expect(h!.in).toBe("a");
  });

  it("finds each kick by its own highlight and charges a highlight on no kick to the piece it overlaps most", () => {
    const out = judge({ pieces }, [seg(14, 20), seg(24, 31), seg(33.5, 36), seg(45, 52.5)]);
    expect(out.map((h) => h.kicks)).toEqual([["k1"], [], ["k2"], ["k3"]]);
    expect(out.map((h) => h.in)).toEqual([null, "b", null, null]);
  });

  it("charges a highlight on filler (footage judged elsewhere, keeping kicks apart) to no piece", () => {
    const spaced = [
      bg("a", 0, 15),
      kick("k1", 15, 19),
      { ...bg("a", 19, 34), filler: true },
      bg("b", 34, 49),
    ];
    const out = judge({ pieces: spaced }, [seg(22, 30), seg(40, 45)]);
    expect(out.map((h) => h.in)).toEqual([null, "b"]);
    expect(out.map((h) => h.kicks)).toEqual([[], []]);
  });

  it("gives a kick to one highlight only when two overlap it", () => {
    const out = judge({ pieces }, [seg(49, 52), seg(53, 60)]);
    expect(out.map((h) => h.kicks)).toEqual([[], ["k3"]]);
    expect(out[0]!.in).toBe("c");
    expect(out[0]!.covers).toEqual(["k3"]);
  });
});
