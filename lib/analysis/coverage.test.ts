import { describe, expect, it } from "vitest";
import { coverageFrom, coverageOf, coverageWarning } from "./coverage";

// Two chunks of 40 slots at 4 fps (10 s each) and a last one to the end of a 25 s video (100 slots).
const plan = [
  { firstFrame: 0, ownFrames: 40 },
  { firstFrame: 40, ownFrames: 40 },
  { firstFrame: 80, ownFrames: undefined },
];

describe("coverageOf", () => {
  it("counts a complete decode as full, overlap past a chunk's own range included", () => {
    const c = coverageOf(
      plan,
      [
        { firstFrame: 0, frameCount: 48 },
        { firstFrame: 40, frameCount: 48 },
        { firstFrame: 80, frameCount: 20 },
      ],
      25,
      4,
    );
    expect(c).toEqual({ rate: 4, expectedFrames: 100, analysedFrames: 100, gaps: [] });
    expect(coverageWarning(c, 25)).toBeNull();
  });

  it("tolerates the fps filter's missing edge slot", () => {
    const c = coverageOf(
      [{ firstFrame: 0, ownFrames: undefined }],
      [{ firstFrame: 0, frameCount: 99 }],
      25,
      4,
    );
    expect(c.gaps).toEqual([]);
    expect(c.analysedFrames).toBe(99);
  });

  it("finds an early end and merges it across the chunks that got nothing", () => {
    const c = coverageOf(
      plan,
      [
        { firstFrame: 0, frameCount: 12 },
        { firstFrame: 40, frameCount: 0 },
        { firstFrame: 80, frameCount: 0 },
      ],
      25,
      4,
    );
    expect(c.analysedFrames).toBe(12);
    expect(c.gaps).toEqual([{ startS: 3, endS: 25 }]);
    expect(coverageWarning(c, 25)).toBe("frames after 0:03 could not be decoded");
  });

  it("names a gap inside the video by both ends", () => {
    const c = coverageOf(
      plan,
      [
        { firstFrame: 0, frameCount: 48 },
        { firstFrame: 40, frameCount: 10 },
        { firstFrame: 80, frameCount: 20 },
      ],
      25,
      4,
    );
    expect(c.gaps).toEqual([{ startS: 12.5, endS: 20 }]);
    expect(coverageWarning(c, 25)).toBe("frames from 0:12 to 0:20 could not be decoded");
  });

  it("reads back what it stored and refuses anything else", () => {
    const c = coverageOf(plan, [], 25, 4);
    expect(coverageFrom(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(coverageFrom(null)).toBeNull();
    expect(coverageFrom({ rate: 4 })).toBeNull();
  });
});
