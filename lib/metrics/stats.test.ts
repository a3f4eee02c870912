import { describe, expect, it } from "vitest";
import { quantile, quantiles, realtimeFactor } from "./stats";

describe("quantile", () => {
  it("takes the nearest rank of unsorted values", () => {
    const v = [9, 1, 5, 3, 7];
    expect(quantile(v, 0.5)).toBe(5);
    expect(quantile(v, 0.95)).toBe(9);
    expect(quantile(v, 1)).toBe(9);
    expect(quantile(v, 0)).toBe(1);
    expect(quantile([4, 2, 8, 6], 0.5)).toBe(4);
  });

  it("is undefined for no values and refuses a quantile outside 0…1", () => {
    expect(quantile([], 0.5)).toBeUndefined();
    expect(() => quantile([1], 1.5)).toThrow(/0…1/);
    expect(quantiles([])).toEqual([]);
    expect(quantiles([2, 4]).map((x) => x.value)).toEqual([2, 4, 4]);
  });
});

describe("realtimeFactor", () => {
  it("is video seconds per wall second, and null when either is missing", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const t1 = new Date("2026-01-01T00:01:40Z");
    expect(realtimeFactor(1200, t0, t1)).toBe(12);
    expect(realtimeFactor(null, t0, t1)).toBeNull();
    expect(realtimeFactor(1200, t0, null)).toBeNull();
    expect(realtimeFactor(1200, t1, t1)).toBeNull();
  });
});
