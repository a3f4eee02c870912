import { describe, expect, it } from "vitest";
import { calibrate } from "./calibration";

const cal = (temperature: number) => ({ method: "temperature" as const, temperature, fittedOn: "" });

describe("calibrate", () => {
  it("divides the logits by the temperature", () => {
    const p = calibrate(cal(2), new Float32Array([0.01, 0.99, 0.5, 0.5]), 2);
    // logit(0.99) = 4.595; / 2 → 2.298 → 0.9088
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-Math.log(99) / 2)), 6);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 6);
    expect([p[2], p[3]]).toEqual([0.5, 0.5]);
  });
  it("keeps the order of scores and leaves them alone without a calibration or at T = 1", () => {
    const raw = new Float32Array([0.2, 0.8, 0.0001, 0.9999]);
    const p = calibrate(cal(3), raw.slice(), 2);
    expect(p[3]!).toBeGreaterThan(p[1]!);
    expect(p[3]!).toBeLessThan(0.99);
    expect(calibrate(undefined, raw, 2)).toBe(raw);
    expect(Array.from(calibrate(cal(1), raw.slice(), 2))).toEqual(Array.from(raw));
  });
  it("handles a probability of exactly 0 and 1", () => {
    const p = calibrate(cal(2), new Float32Array([0, 1]), 2);
    expect(p[0]!).toBeLessThan(1e-12);
    expect(p[1]).toBe(1);
  });
});
