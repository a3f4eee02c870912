import { describe, expect, it } from "vitest";
import { choose, poolableFor, pooled, withRates, type Row } from "./cv-operating";

const row = (enter: number, falseBroadcast: number, bcMin: number, found: number, kicks: number): Row =>
  withRates({ enter, falseBroadcast, bcMin, found, kicks });

describe("choose", () => {
  it("takes the middle of the best-recall thresholds within the budget", () => {
    const rows = [row(0.3, 2, 5, 4, 4), row(0.5, 0, 5, 3, 4), row(0.6, 0, 5, 3, 4), row(0.7, 0, 5, 3, 4)];
    const { chosen, feasible } = choose(rows, 1);
    expect(feasible).toBe(true);
    expect(chosen.enter).toBe(0.6);
  });

  it("falls back to the highest threshold when none meets the budget", () => {
    const rows = [row(0.5, 3, 5, 4, 4), row(0.9, 1, 5, 2, 4)];
    const { chosen, feasible } = choose(rows, 1);
    expect(feasible).toBe(false);
    expect(chosen.enter).toBe(0.9);
  });
});

describe("pooled", () => {
  it("sums counts and minutes before dividing, threshold by threshold", () => {
    const a = [row(0.5, 1, 2, 1, 2), row(0.9, 0, 2, 0, 2)];
    const b = [row(0.5, 0, 8, 3, 3), row(0.9, 0, 8, 3, 3)];
    const p = pooled([a, b]);
    // 1 false highlight in 10 pooled minutes meets a budget of 1 that fold a alone (5 per 10 min) misses.
    expect(p[0]).toMatchObject({ enter: 0.5, falseBroadcast: 1, bcMin: 10, per10: 1, found: 4, kicks: 5 });
    expect(choose(p, 1).chosen.enter).toBe(0.5);
    expect(choose(a, 1).chosen.enter).toBe(0.9);
  });
});

describe("poolableFor", () => {
  it("leaves out the fold whose validation matches fold k judges", () => {
    const tables = [0, 1, 2, 3, 4].map((j) => [row(0.5, j, 1, 0, 0)]);
    expect(poolableFor(tables, 0).map((t) => t[0]!.falseBroadcast)).toEqual([0, 1, 2, 3]);
    expect(poolableFor(tables, 3).map((t) => t[0]!.falseBroadcast)).toEqual([0, 1, 3, 4]);
  });
});
