import { describe, expect, it } from "vitest";
import { judge, metricsOf } from "./verdict";
import { compareWithLabels, windowTargets, type LabelledInterval } from "./windows";

const grid = { frames: 16, stride: 2, rate: 4 }; // 4 s windows every 0.5 s
const labels = ["background", "penalty"];

describe("windowTargets", () => {
  const kick: LabelledInterval = { label: "penalty", kind: "positive", startS: 10, endS: 13 };
  it("marks windows overlapping a kick ≥ 1 s as that label, leaves unlabelled time unknown", () => {
    const t = windowTargets(120, grid, labels, [kick], false); // 30 s → 53 windows
    expect(t.length).toBe(53);
    // window w spans [w/2, w/2 + 4]: overlap ≥ 1 s from w = 14 (7–11 s) to w = 24 (12–16 s)
    expect([...t].map((v, w) => (v === 1 ? w : -1)).filter((w) => w >= 0)).toEqual(
      Array.from({ length: 11 }, (_, i) => 14 + i),
    );
    expect(t[0]).toBe(-1);
    expect(t[13]).toBe(-1); // overlaps 0.5 s: neither kick nor background
  });

  it("a complete review makes windows away from every kick background; a rejection only its own span", () => {
    const done = windowTargets(120, grid, labels, [kick], true);
    expect(done[0]).toBe(0);
    expect(done[13]).toBe(-1); // touches the kick: not background
    const rejected = windowTargets(
      120,
      grid,
      labels,
      [{ label: "penalty", kind: "negative", startS: 20, endS: 26 }],
      false,
    );
    expect(rejected[40]).toBe(0); // 20–24 s inside the rejection
    expect(rejected[36]).toBe(0); // 18–22 s: half inside counts
    expect(rejected[35]).toBe(-1); // 17.5–21.5 s: 1.5 s inside
  });

  it("ignores labels the model does not have", () => {
    const t = windowTargets(
      120,
      grid,
      labels,
      [{ label: "goal", kind: "positive", startS: 10, endS: 13 }],
      true,
    );
    expect(t[20]).toBe(-1);
  });
});

describe("held-out comparison", () => {
  const iv: LabelledInterval[] = [
    { label: "penalty", kind: "positive", startS: 10, endS: 13 },
    { label: "penalty", kind: "positive", startS: 50, endS: 53 },
    { label: "penalty", kind: "negative", startS: 80, endS: 84 },
  ];
  const seg = (start: number, end: number) => ({ label: "penalty", start, end, peak: 0.9, mean: 0.8 });
  it("counts events found and false highlights (any stray one once the review is complete)", () => {
    const segs = [seg(9, 14), seg(30, 33), seg(81, 83)];
    expect(compareWithLabels(segs, iv, "penalty", false, 120)).toMatchObject({
      events: 2,
      found: 1,
      highlights: 3,
      falseHighlights: 1,
    });
    expect(compareWithLabels(segs, iv, "penalty", true, 120)).toMatchObject({
      falseHighlights: 2,
      minutes: 2,
    });
  });

  it("activates only a head that loses nothing and gains something", () => {
    const base = { events: 4, found: 4, highlights: 6, falseHighlights: 2, minutes: 10 };
    const active = metricsOf(base, { sum: 40, n: 100 });
    expect(active).toMatchObject({ precision: 4 / 6, recall: 1, falsePer10Min: 2, windowLogLoss: 0.4 });
    expect(
      judge(metricsOf({ ...base, falseHighlights: 1, highlights: 5 }, { sum: 45, n: 100 }), active),
    ).toMatchObject({ better: true });
    expect(
      judge(metricsOf({ ...base, found: 3, falseHighlights: 0 }, { sum: 10, n: 100 }), active).verdict,
    ).toMatch(/Not activated: worse.*finds 3 of 4/);
    expect(judge(metricsOf(base, { sum: 40, n: 100 }), active).verdict).toMatch(/no better/);
    expect(judge(metricsOf(base, { sum: 30, n: 100 }), active).verdict).toMatch(/log-loss 0.400 → 0.300/);
  });

  it("reports a new label's own numbers and counts it as a gain only where it finds held-out examples", () => {
    const base = { events: 4, found: 4, highlights: 6, falseHighlights: 2, minutes: 10 };
    const known = metricsOf(base, { sum: 40, n: 100 });
    const goal = (events: number, found: number) =>
      metricsOf({ events, found, highlights: found + 1, falseHighlights: 1, minutes: 10 }, { sum: 0, n: 0 });
    const learnt = judge(known, known, [{ label: "goal", metrics: goal(3, 2) }]);
    expect(learnt.better).toBe(true);
    expect(learnt.verdict).toMatch(
      /^Beats the active model on .*learns "goal": finds 2 of 3 held-out examples, 1 false highlight\.$/,
    );
    const missed = judge(known, known, [{ label: "goal", metrics: goal(3, 0) }]);
    expect(missed.better).toBe(false);
    expect(missed.verdict).toMatch(/no better .* It learns "goal": finds 0 of 3/);
    expect(judge(known, known, [{ label: "goal", metrics: goal(0, 0) }]).verdict).toMatch(
      /no held-out example to check it on/,
    );
    // a new label does not excuse a known label getting worse
    const worse = metricsOf({ ...base, found: 3 }, { sum: 30, n: 100 });
    expect(judge(worse, known, [{ label: "goal", metrics: goal(3, 3) }]).better).toBe(false);
  });
});
