import { describe, expect, it } from "vitest";
import { largestJump } from "@/lib/reframe/path";
import { cameraPath } from "./camera";
import { GRID_H, GRID_W, motionTargets } from "./motion";

describe("camera path", () => {
  it("holds still while the action stays in the dead zone, and moves at a limited speed", () => {
    const targets = [...Array(50).fill(0.5), ...Array(25).fill(0.52), ...Array(100).fill(0.9)];
    const x = cameraPath(targets, [], 25);
    expect(new Set(x.slice(0, 60)).size).toBe(1);
    expect(largestJump(x)).toBeLessThanOrEqual(0.015);
    expect(x[x.length - 1]).toBeGreaterThan(0.85);
    // no jitter: the direction never reverses on the way there
    const steps = x.slice(1).map((v, i) => v - x[i]!);
    expect(steps.every((d) => d >= -1e-9)).toBe(true);
  });

  it("starts afresh at a cut", () => {
    const x = cameraPath([...Array(30).fill(0.2), ...Array(30).fill(0.8)], [30], 25);
    expect(x[29]).toBeCloseTo(0.2);
    expect(x[30]).toBeCloseTo(0.8);
    expect(largestJump(x, [30])).toBe(0);
  });
});

describe("motion targets", () => {
  const frame = (blobX: number, bg = 60) => {
    const f = new Uint8Array(GRID_W * GRID_H).fill(bg);
    for (let y = 40; y < 56; y++) for (let x = blobX; x < blobX + 6; x++) f[y * GRID_W + x] = 220;
    return f;
  };

  it("finds a moving player on a still background, and a cut", () => {
    const frames = [
      ...Array.from({ length: 20 }, (_, i) => frame(95 + (i % 4))),
      ...Array.from({ length: 10 }, () => frame(20, 200)),
    ];
    const m = motionTargets(frames, 0.3, 25);
    expect(m.targets[19]).toBeGreaterThan(0.65);
    expect(m.cuts).toEqual([20]);
  });
});
