import { describe, expect, it } from "vitest";
import { ZLabelsV2 } from "../schemas/labels";
import { labelOfDecision } from "./kinds";
import { fromLabelsV2, toLabelsV2 } from "./labels-v2";

describe("labelOfDecision", () => {
  it("maps review statuses to positive/negative intervals", () => {
    expect(labelOfDecision("suggested", { moved: false, added: false })).toBeNull();
    expect(labelOfDecision("rejected", { moved: true, added: false })).toEqual({
      kind: "negative",
      origin: "reject",
    });
    expect(labelOfDecision("accepted", { moved: false, added: false })).toEqual({
      kind: "positive",
      origin: "accept",
    });
    expect(labelOfDecision("accepted", { moved: true, added: false })?.origin).toBe("trim");
    expect(labelOfDecision("edited", { moved: false, added: true })?.origin).toBe("added");
  });
});

describe("Labels-v2 JSON", () => {
  it("round-trips intervals, negatives as background", () => {
    const file = toLabelsV2("match.mp4", [
      { label: "penalty", kind: "positive", startS: 75.5, endS: 80.25 },
      { label: "penalty", kind: "negative", startS: 10, endS: 12 },
    ]);
    expect(file.annotations[0]).toMatchObject({
      gameTime: "1 - 01:15",
      label: "penalty",
      position: "75500",
      end: "80250",
    });
    expect(file.annotations[1]!.label).toBe("background");
    const back = fromLabelsV2(ZLabelsV2.parse(JSON.parse(JSON.stringify(file))), 100);
    expect(back.errors).toEqual([]);
    expect(back.intervals).toEqual([
      { label: "penalty", kind: "positive", startS: 75.5, endS: 80.25 },
      { label: "background", kind: "negative", startS: 10, endS: 12 },
    ]);
  });

  it("reads SoccerNet point events (capitalised labels, no end) as 4 s intervals", () => {
    const f = ZLabelsV2.parse({
      annotations: [{ gameTime: "1 - 00:10", label: "Penalty", position: "10000", team: "home" }],
    });
    expect(fromLabelsV2(f, 60).intervals).toEqual([
      { label: "penalty", kind: "positive", startS: 8, endS: 12 },
    ]);
  });

  it("names every bad annotation", () => {
    const f = ZLabelsV2.parse({
      annotations: [
        { label: "penalty", position: 5000, end: 4000 },
        { label: "penalty", position: 50000, end: 70000 },
      ],
    });
    const { errors } = fromLabelsV2(f, 60);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/annotation 1: the end/);
    expect(errors[1]).toMatch(/annotation 2: ends at 70.00 s, past the end of the video \(60.00 s\)/);
  });

  it("refuses positions that are not milliseconds", () => {
    expect(ZLabelsV2.safeParse({ annotations: [{ label: "x", position: "1:20" }] }).success).toBe(false);
  });
});
