import { describe, expect, it } from "vitest";
import { boxLeft, cropTarget, movedLeft, pictureRect, withKey } from "./crop-geometry";

const crop = (x: number[], keys: { t: number; x: number }[] = [], locked = false) => ({
  auto: { startFrame: 50, x, cuts: [] },
  keys,
  locked,
  revision: 0,
});

describe("crop box geometry", () => {
  it("fills a 16:9 player with a 16:9 picture and pillarboxes a 4:3 one", () => {
    expect(pictureRect(1920, 1080)).toEqual({ left: 0, top: 0, width: 1, height: 1 });
    const r = pictureRect(640, 480);
    expect(r.width).toBeCloseTo(0.75, 6);
    expect(r.left).toBeCloseTo(0.125, 6);
    expect(r.height).toBe(1);
    expect(pictureRect(null, null).width).toBe(1);
  });

  it("shows the selected highlight's crop inside it, else the one the playhead is in, none between", () => {
    const hs = [
      { id: "a", startS: 2, endS: 6, crop: crop([0.5]) },
      { id: "b", startS: 4, endS: 8, crop: crop([0.5]) },
    ];
    expect(cropTarget(hs, "b", 5)?.id).toBe("b");
    expect(cropTarget(hs, "b", 3)?.id).toBe("a");
    expect(cropTarget(hs, null, 5)?.id).toBe("a");
    expect(cropTarget(hs, "a", 9)).toBeNull();
    expect(cropTarget(hs, "a", 6)?.id).toBe("b");
    expect(cropTarget(hs, "b", 8)).toBeNull();
  });

  it("places the box where the render crops, keeping it inside the picture", () => {
    expect(boxLeft(crop([0.5, 0.6]), 25, 51, 0.3)).toBeCloseTo(0.45, 6);
    expect(boxLeft(crop([0.05]), 25, 50, 0.3)).toBe(0);
    expect(boxLeft(crop([0.5], [{ t: 2, x: 0.9 }], true), 25, 50, 0.3)).toBeCloseTo(0.7, 6);
    expect(movedLeft(0.35, 0.5, 0.3)).toBeCloseTo(0.7, 6);
    expect(movedLeft(0.35, -0.5, 0.3)).toBe(0);
  });

  it("stores a drag as the centre at the frame's start time, replacing a keyframe on that frame", () => {
    const keys = [
      { t: 1, x: 0.2 },
      { t: 3, x: 0.8 },
    ];
    expect(withKey(keys, 50, 0.1, 0.3, 25)).toEqual([
      { t: 1, x: 0.2 },
      { t: 2, x: 0.25 },
      { t: 3, x: 0.8 },
    ]);
    expect(withKey(keys, 75, 0.5, 0.3, 25)).toEqual([
      { t: 1, x: 0.2 },
      { t: 3, x: 0.65 },
    ]);
    expect(withKey([], 1, 0.1, 0.3, 30)).toEqual([{ t: 0.0333, x: 0.25 }]);
  });
});
