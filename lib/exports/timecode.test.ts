import { describe, expect, it } from "vitest";
import { framesToTimecode, rateOf, rationalSeconds, secondsToFrames, timecodeToFrames } from "./timecode";

describe("timecode maths", () => {
  it("maps stored float rates to exact fractions", () => {
    expect(rateOf(29.97)).toEqual({ num: 30000, den: 1001, base: 30 });
    expect(rateOf(30000 / 1001)).toEqual({ num: 30000, den: 1001, base: 30 });
    expect(rateOf(59.94)).toEqual({ num: 60000, den: 1001, base: 60 });
    expect(rateOf(25)).toEqual({ num: 25, den: 1, base: 25 });
    expect(rateOf(12.5)).toEqual({ num: 12500, den: 1000, base: 13 });
    expect(() => rateOf(0)).toThrow(/invalid frame rate/);
  });

  it("labels 29.97 non-drop: one hour of real time is 3.6 s short of 01:00:00:00", () => {
    const r = rateOf(29.97);
    expect(secondsToFrames(3600, r)).toBe(107892);
    expect(framesToTimecode(107892, r)).toBe("00:59:56:12");
    expect(timecodeToFrames("01:00:00:00", r)).toBe(108000);
  });

  it("round-trips frames through timecode at 25 and 30", () => {
    for (const fps of [25, 30]) {
      const r = rateOf(fps);
      for (const f of [0, 1, fps - 1, fps, 3599 * fps + 7])
        expect(timecodeToFrames(framesToTimecode(f, r), r)).toBe(f);
    }
    expect(framesToTimecode(25 * 61 + 3, rateOf(25))).toBe("00:01:01:03");
  });

  it("rejects bad timecode and times", () => {
    expect(() => timecodeToFrames("00:00:00:25", rateOf(25))).toThrow(/out of range/);
    expect(() => timecodeToFrames("1:2:3", rateOf(25))).toThrow(/not a timecode/);
    expect(() => secondsToFrames(-1, rateOf(25))).toThrow(/invalid time/);
  });

  it("writes FCPXML rational times on the frame grid", () => {
    expect(rationalSeconds(3, rateOf(25))).toBe("3/25s");
    expect(rationalSeconds(3, rateOf(29.97))).toBe("3003/30000s");
    expect(rationalSeconds(0, rateOf(25))).toBe("0s");
  });
});
