import { describe, expect, it } from "vitest";
import { formatDuration, formatEta, formatResolution, formatSpeed, percent } from "./format";

describe("format", () => {
  it("formats durations as h:mm:ss", () => {
    expect(formatDuration(3725.4)).toBe("1:02:05");
    expect(formatDuration(249)).toBe("0:04:09");
    expect(formatDuration(null)).toBe("–");
  });

  it("formats ETA, speed, resolution and percent", () => {
    expect(formatEta(45)).toBe("45 s");
    expect(formatEta(180)).toBe("3 min");
    expect(formatEta(4800)).toBe("1 h 20 min");
    expect(formatEta(null)).toBeNull();
    expect(formatSpeed(12_340_000)).toBe("12.3 MB/s");
    expect(formatResolution(1280, 720)).toBe("1280×720");
    expect(formatResolution(null, 720)).toBe("–");
    expect(percent(0.999)).toBe(99);
    expect(percent(1.2)).toBe(100);
  });
});
