import { describe, expect, it } from "vitest";
import { frameSpan } from "./frame-span";

describe("frameSpan", () => {
  it("rounds each edge to the nearest frame, end exclusive", () => {
    // 12.5 s → frame 312.5 → 313 (floor gave 312); 25.02 s → 625.5 → 626.
    expect(frameSpan(12.5, 25.02, 25, 60)).toEqual({ startFrame: 313, endFrame: 626, frames: 313 });
  });

  it("keeps at least one frame and stays inside the file", () => {
    expect(frameSpan(59.99, 60.5, 25, 60)).toEqual({ startFrame: 1499, endFrame: 1500, frames: 1 });
    expect(frameSpan(3.001, 3.002, 25, 60).frames).toBe(1);
  });
});
