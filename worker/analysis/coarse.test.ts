import { describe, expect, it } from "vitest";
import type { LoadedModel } from "@/lib/model";
import { medianGapS, regionPadS } from "./coarse";

const model = {
  manifest: {
    sampleRate: 4,
    window: { frames: 16, stride: 2 },
    segmentDefaults: { penalty: { mergeGapS: 2 }, other: { mergeGapS: 1 } },
  },
} as unknown as LoadedModel;

describe("region padding", () => {
  it("is one coarse gap, one window and the widest merge gap", () => {
    expect(regionPadS(model, 2)).toBe(8);
    expect(regionPadS(model, 0.5)).toBe(6.5);
  });

  it("takes the median keyframe gap, so one long gap does not widen every region", () => {
    expect(medianGapS([0, 2, 4, 6, 20])).toBe(2);
    expect(medianGapS([5])).toBe(0);
  });
});
