import { describe, expect, it } from "vitest";
import { frameOf, lastFrameTime, matchTime, quantize, stepFrames, stepSeconds, timecode } from "./frames";
import { snapToCut } from "./snapping";

describe("frame maths", () => {
  it("reads the frame a time falls in, robust to binary float error", () => {
    expect(frameOf(0.12, 25)).toBe(3);
    expect(frameOf(3 / 25 - 1e-9, 25)).toBe(3);
    expect(frameOf(1001 / 30000, 30000 / 1001)).toBe(1);
    expect(quantize(1.234, 25)).toBeCloseTo(1.2, 9);
  });
  it("steps frames and seconds, clamped to the first and last frame", () => {
    expect(stepFrames(1, 10, 25, 60)).toBeCloseTo(1.4, 9);
    expect(stepFrames(0.02, -5, 25, 60)).toBe(0);
    expect(stepFrames(59.9, 10, 25, 60)).toBeCloseTo(59.96, 9);
    expect(lastFrameTime(60, 25)).toBeCloseTo(59.96, 9);
    expect(stepSeconds(10.5, -1, 25, 60)).toBeCloseTo(9.48, 9);
    expect(stepSeconds(0.3, -1, 25, 60)).toBe(0);
  });
  it("formats timecode and match time", () => {
    expect(timecode(3725.48, 25)).toBe("01:02:05:12");
    expect(timecode(0, 30000 / 1001)).toBe("00:00:00:00");
    expect(matchTime(95 * 60 + 7.9)).toBe("95:07");
  });
});

describe("snapToCut", () => {
  const cuts = [10, 20.2, 30];
  it("snaps to the nearest cut within 0.5 s", () => {
    expect(snapToCut(19.8, cuts)).toBe(20.2);
    expect(snapToCut(20.6, cuts)).toBe(20.2);
    expect(snapToCut(10.4, cuts)).toBe(10);
  });
  it("leaves a time alone when no cut is close", () => {
    expect(snapToCut(15, cuts)).toBe(15);
    expect(snapToCut(20.71, cuts)).toBe(20.71);
    expect(snapToCut(5, [])).toBe(5);
  });
});
