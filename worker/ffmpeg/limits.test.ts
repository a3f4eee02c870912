import { describe, expect, it } from "vitest";
import { limitRefusal } from "./limits";

const limits = { maxDurationS: 6 * 3600, minFps: 0.1, minSidePx: 32 };
const hd = { width: 1280, height: 720 };

describe("limitRefusal", () => {
  it("refuses two frames a day apart as broken timestamps, before its length", () => {
    expect(limitRefusal({ ...hd, durationS: 86400.04, fps: 0 }, 2, Number.NaN, limits)).toBe(
      "only 2 frames in 24:00:00 of video (one every 12.0 h): its timestamps are broken or it is a " +
        "slideshow (limit: 0.1 frames per second, MIN_VIDEO_FPS)",
    );
  });

  it("uses the average rate where the container keeps no frame count", () => {
    expect(limitRefusal({ ...hd, durationS: 600, fps: 0.01 }, null, 0.01, limits)).toMatch(
      /^too few frames in 10:00/,
    );
    expect(limitRefusal({ ...hd, durationS: 600, fps: 25 }, null, Number.NaN, limits)).toBeNull();
  });

  it("refuses a video over the maximum duration and takes one at the limit", () => {
    expect(limitRefusal({ ...hd, durationS: 36000, fps: 1 }, 36000, 1, limits)).toBe(
      "the video is 10:00:00 long; the limit is 6:00:00 (MAX_VIDEO_DURATION_S)",
    );
    expect(limitRefusal({ ...hd, durationS: 6 * 3600, fps: 25 }, 540000, 25, limits)).toBeNull();
  });

  it("refuses a picture smaller than MIN_VIDEO_SIDE_PX on either side (issue #23: 1×1 became ready)", () => {
    const ok = { durationS: 2, fps: 25 };
    expect(limitRefusal({ ...ok, width: 1, height: 1 }, 50, 25, limits)).toBe(
      "the picture is 1×1 pixels, too small to analyse (the smallest taken is 32×32, MIN_VIDEO_SIDE_PX)",
    );
    expect(limitRefusal({ ...ok, width: 640, height: 16 }, 50, 25, limits)).toMatch(
      /^the picture is 640×16 /,
    );
    expect(limitRefusal({ ...ok, width: 32, height: 32 }, 50, 25, limits)).toBeNull();
  });
});
