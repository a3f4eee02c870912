import { describe, expect, it } from "vitest";
import { coarseSamplerFor, keyframeIntervalS } from "./coarse-frames";

describe("coarse sampler choice", () => {
  it("decodes keyframes where they come every 4 s or more often", () => {
    expect(keyframeIntervalS([0, 2, 4, 6.5, 8])).toBe(2);
    expect(coarseSamplerFor([0, 2, 4, 6.5, 8])).toBe("keyframes");
    expect(coarseSamplerFor([0, 4, 8, 12])).toBe("keyframes");
  });

  it("seek-samples where keyframes are rarer than every 4 s, or there are too few to tell", () => {
    expect(coarseSamplerFor([0, 5, 10, 15])).toBe("seek");
    expect(coarseSamplerFor([0])).toBe("seek");
  });
});
