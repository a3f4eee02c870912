import { describe, expect, it } from "vitest";
import { skipFramesFor } from "./sampler";

describe("skipFramesFor (ANALYZE_SAMPLER=reference, the default)", () => {
  it("skips non-reference frames of H.264, the codec checked frame for frame", () => {
    expect(skipFramesFor("h264")).toBe("noref");
  });

  it("decodes every frame of the others, and when the codec is unknown", () => {
    for (const codec of ["av1", "vp9", "hevc", "mpeg4", "mpeg2video", undefined])
      expect(skipFramesFor(codec)).toBeUndefined();
  });
});
