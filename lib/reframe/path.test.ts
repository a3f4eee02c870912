import { describe, expect, it } from "vitest";
import { cropShare, cropSize } from "./aspect";
import { centreAt, cropLefts, largestJump, splicePath, type TAutoPath, ZCropEdit } from "./path";

const auto: TAutoPath = {
  startFrame: 100,
  x: Array.from({ length: 50 }, (_, i) => 0.3 + i * 0.004),
  cuts: [],
};

describe("crop sizes", () => {
  it("is full height, even and never wider than the picture", () => {
    expect(cropSize("9:16", 1920, 1080)).toEqual({ w: 606, h: 1080 });
    expect(cropSize("1:1", 1280, 720)).toEqual({ w: 720, h: 720 });
    expect(cropSize("4:5", 640, 360)).toEqual({ w: 288, h: 360 });
    expect(cropSize("9:16", 202, 360)).toEqual({ w: 202, h: 360 });
    expect(cropShare("16:9", 1920, 1080)).toBe(1);
  });
});

describe("crop path", () => {
  it("follows the automatic path without keyframes, holding its ends outside it", () => {
    expect(centreAt(auto, [], false, 25, 110)).toBeCloseTo(0.34);
    expect(centreAt(auto, [], false, 25, 90)).toBeCloseTo(0.3);
    expect(centreAt(auto, [], false, 25, 400)).toBeCloseTo(0.3 + 49 * 0.004);
    expect(centreAt(null, [], false, 25, 5)).toBe(0.5);
  });

  it("passes through an editor's keyframe and fades back to the automatic path", () => {
    const keys = [{ t: 5, x: 0.8 }]; // frame 125 at 25 fps, auto there 0.4
    expect(centreAt(auto, keys, false, 25, 125)).toBeCloseTo(0.8);
    // 0.75 s later: half of the 0.4 correction is left
    expect(centreAt(auto, keys, false, 25, 125 + 18.75)).toBeCloseTo(0.3 + 43.75 * 0.004 + 0.2, 2);
    expect(centreAt(auto, keys, false, 25, 125 + 40)).toBeCloseTo(auto.x[49]!);
  });

  it("locked: straight lines between the keyframes, the automatic path ignored", () => {
    const keys = [
      { t: 6, x: 0.8 },
      { t: 4, x: 0.2 },
    ];
    expect(centreAt(auto, keys, true, 25, 125)).toBeCloseTo(0.5);
    expect(centreAt(auto, keys, true, 25, 0)).toBeCloseTo(0.2);
    expect(centreAt(auto, keys, true, 25, 1000)).toBeCloseTo(0.8);
  });

  it("keeps the crop inside the picture and measures the largest jump outside cuts", () => {
    const lefts = cropLefts({ auto: null, keys: [{ t: 0, x: 0.99 }], locked: true }, 25, 0, 3, 0.3);
    expect(lefts).toEqual([0.7, 0.7, 0.7]);
    expect(largestJump([0, 0.01, 0.5, 0.51], [2])).toBeCloseTo(0.01);
    expect(largestJump([0, 0.01, 0.5, 0.51])).toBeCloseTo(0.49);
  });

  it("a trim keeps the path of the frames it keeps and meets it at the seam", () => {
    const fresh: TAutoPath = { startFrame: 90, x: Array(80).fill(0.7), cuts: [95] };
    const s = splicePath(auto, fresh, 10);
    expect(s.startFrame).toBe(90);
    expect(s.x.slice(10, 60)).toEqual(auto.x);
    expect(Math.abs(s.x[9]! - auto.x[0]!)).toBeLessThan(0.05);
    expect(s.x[79]).toBeCloseTo(0.7);
    expect(s.cuts).toEqual([95]);
  });

  it("refuses a lock without a keyframe and a centre off the picture", () => {
    expect(ZCropEdit.safeParse({ keys: [], locked: true }).error?.issues[0]?.message).toMatch(
      /before locking/,
    );
    expect(ZCropEdit.safeParse({ keys: [{ t: 1, x: 1.2 }], locked: false }).error?.issues[0]?.message).toBe(
      "The crop centre is 0 … 1",
    );
  });
});
