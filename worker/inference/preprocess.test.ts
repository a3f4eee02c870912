import { describe, expect, it } from "vitest";
import { maskPlane, packRgb24, toNchw } from "./preprocess";

const spec = { size: 2, scale: 1 / 128, offset: -1, mask: [] };

describe("toNchw", () => {
  it("maps p to p/128 - 1 and HWC to CHW", () => {
    // 2×2 image, pixels (r,g,b): (0,128,255) (64,0,0) (0,0,0) (255,255,255)
    const rgb = new Uint8Array([0, 128, 255, 64, 0, 0, 0, 0, 0, 255, 255, 255]);
    expect([...toNchw([rgb], spec)]).toEqual([
      -1,
      -0.5,
      -1,
      255 / 128 - 1,
      0,
      -1,
      -1,
      255 / 128 - 1,
      255 / 128 - 1,
      -1,
      -1,
      255 / 128 - 1,
    ]);
  });

  it("batches frames and zero-fills the unused rows of a fixed-size batch", () => {
    const a = new Uint8Array(12).fill(128);
    const out = toNchw([a], spec, 3);
    expect(out.length).toBe(36);
    expect([...out.subarray(0, 12)].every((v) => v === 0)).toBe(true);
    expect([...out.subarray(12)].every((v) => v === 0)).toBe(true);
    const b = new Uint8Array(12).fill(0);
    expect(toNchw([a, b], spec)[12]).toBe(-1);
  });

  it("zeroes masked pixels in every channel", () => {
    const rgb = new Uint8Array(12).fill(255);
    const out = toNchw([rgb], { ...spec, mask: [{ x: 0.5, y: 0, w: 0.5, h: 0.5 }] });
    expect(out[1]).toBe(0);
    expect(out[5]).toBe(0);
    expect(out[0]).toBeCloseTo(127 / 128);
  });

  it("rejects frames of the wrong size", () => {
    expect(() => toNchw([new Uint8Array(5)], spec)).toThrow(/expected 12/);
  });
});

describe("maskPlane", () => {
  it("marks the rectangle in fractions of the frame", () => {
    expect([...maskPlane(4, [{ x: 0.75, y: 0, w: 0.25, h: 0.5 }])]).toEqual([
      0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });
});

describe("packRgb24", () => {
  it("lays frames end to end and zero-fills the unused rows of a fixed-size batch", () => {
    const a = new Uint8Array(12).fill(7);
    const b = Uint8Array.from({ length: 12 }, (_, i) => i);
    const out = packRgb24([a, b], 2, 3);
    expect(out.length).toBe(36);
    expect([...out.subarray(0, 12)]).toEqual([...a]);
    expect([...out.subarray(12, 24)]).toEqual([...b]);
    expect(out.subarray(24).every((v) => v === 0)).toBe(true);
  });

  it("rejects a frame of the wrong size and a batch too small for the frames", () => {
    expect(() => packRgb24([new Uint8Array(5)], 2)).toThrow(/expected 12/);
    expect(() => packRgb24([new Uint8Array(12), new Uint8Array(12)], 2, 1)).toThrow(/do not fit/);
  });
});
