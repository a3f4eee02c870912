import { describe, expect, it } from "vitest";
import {
  clampView,
  decimate,
  follow,
  lowerBound,
  minSpanFor,
  panBy,
  rulerTicks,
  timeToX,
  visibleRange,
  xToTime,
  zoomAt,
} from "./timeline-math";

const whole = { start: 0, end: 10_800 }; // a 3-hour match

describe("scale", () => {
  it("maps time to x and back", () => {
    expect(timeToX(5400, whole, 1000)).toBe(500);
    expect(xToTime(250, whole, 1000)).toBe(2700);
    expect(
      xToTime(timeToX(1234.5, { start: 1000, end: 1500 }, 800), { start: 1000, end: 1500 }, 800),
    ).toBeCloseTo(1234.5, 9);
  });
});

describe("zoom and pan", () => {
  const min = minSpanFor(1000, 25); // 24 px per frame → ~42 frames across
  it("keeps the anchor under the cursor", () => {
    const v = zoomAt(whole, 0.5, 2700, 10_800, min);
    expect(v.end - v.start).toBe(5400);
    expect(timeToX(2700, v, 1000)).toBeCloseTo(timeToX(2700, whole, 1000), 6);
  });
  it("zooms down to single frames and no further", () => {
    let v = whole;
    for (let i = 0; i < 100; i++) v = zoomAt(v, 0.5, 3000, 10_800, min);
    expect(v.end - v.start).toBeCloseTo(1000 / 24 / 25, 9);
    expect(timeToX(3000 + 1 / 25, v, 1000) - timeToX(3000, v, 1000)).toBeCloseTo(24, 6);
  });
  it("never zooms out past the whole match", () => {
    expect(zoomAt(whole, 4, 100, 10_800, min)).toEqual(whole);
  });
  it("pans within the match, keeping the span", () => {
    const v = { start: 100, end: 200 };
    expect(panBy(v, -500, 10_800, min)).toEqual({ start: 0, end: 100 });
    expect(panBy(v, 20_000, 10_800, min)).toEqual({ start: 10_700, end: 10_800 });
    expect(clampView({ start: 5, end: 5.0001 }, 10_800, min).end).toBeCloseTo(5 + min, 9);
  });
  it("follows the playhead out of view", () => {
    const v = { start: 100, end: 200 };
    expect(follow(v, 150, 10_800, min)).toBe(v);
    expect(follow(v, 300, 10_800, min)).toEqual({ start: 290, end: 390 });
  });
});

describe("decimate", () => {
  it("keeps min and max per pixel column, so a one-sample spike survives", () => {
    const n = 10_800; // one score a second for 3 h
    const times = Float64Array.from({ length: n }, (_, i) => i + 0.5);
    const values = new Float64Array(n).fill(0.1);
    values[5000] = 0.97;
    const cols = decimate(times, values, whole, 300);
    expect(cols.max.length).toBe(300);
    expect(Math.max(...cols.max)).toBeCloseTo(0.97, 6);
    expect(Math.min(...cols.min)).toBeCloseTo(0.1, 6);
    expect(cols.max[Math.floor((5000.5 / 10_800) * 300)]).toBeCloseTo(0.97, 6);
  });
  it("only looks at visible samples and leaves empty columns NaN", () => {
    const times = [0, 1, 2, 3, 4, 5];
    const values = [0, 1, 2, 3, 4, 5];
    const cols = decimate(times, values, { start: 2, end: 4 }, 4);
    expect(Array.from(cols.min)).toEqual([2, Number.NaN, 3, 4]);
    expect(lowerBound(times, 2.5)).toBe(3);
  });
});

describe("visibleRange", () => {
  it("adds one neighbour each side so sparse samples still draw across a zoomed view", () => {
    const times = [0, 1, 2, 3, 4];
    expect(visibleRange(times, { start: 1.2, end: 1.8 })).toEqual({ from: 1, to: 3 });
    expect(visibleRange(times, { start: 0, end: 4 })).toEqual({ from: 0, to: 5 });
    expect(visibleRange(times, { start: 10, end: 11 })).toEqual({ from: 4, to: 5 });
  });
});

describe("rulerTicks", () => {
  it("picks a round step at least minPx apart", () => {
    expect(rulerTicks(whole, 1000, 80).step).toBe(900);
    const fine = rulerTicks({ start: 10, end: 11 }, 1000, 80);
    expect(fine.step).toBe(0.1);
    expect(fine.ticks[0]).toBe(10);
  });
});
