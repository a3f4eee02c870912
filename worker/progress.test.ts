import { describe, expect, it } from "vitest";
import { progressTracker, throttle } from "./progress";

describe("throttle", () => {
  it("lets one call through per interval unless forced", () => {
    let t = 0;
    const gate = throttle(1000, () => t);
    expect(gate()).toBe(true);
    t = 500;
    expect(gate()).toBe(false);
    expect(gate(true)).toBe(true);
    t = 1600;
    expect(gate()).toBe(true);
  });
});

describe("progressTracker", () => {
  it("keeps a retried job's shown fraction and starts its clock at the new attempt", () => {
    let t = 100_000;
    const tracker = progressTracker({ stage: "cutting", fraction: 0.6, at: 1_000, rate: 0.01 }, () => t);
    expect(tracker.start()).toEqual({ stage: "cutting", fraction: 0.6, at: 100_000, rate: 0.01 });
    t = 101_000;
    expect(tracker.report("cutting", 0.1).fraction).toBe(0.6);
    t = 102_000;
    expect(tracker.report("cutting", 0.7).fraction).toBe(0.7);
  });

  it("starts a new stage from its own first report", () => {
    let t = 0;
    const tracker = progressTracker(null, () => t);
    tracker.start();
    t = 1000;
    tracker.report("windows", 0.9);
    t = 2000;
    expect(tracker.report("training", 0.1)).toEqual({
      stage: "training",
      fraction: 0.1,
      at: 2000,
      rate: null,
    });
  });
});
