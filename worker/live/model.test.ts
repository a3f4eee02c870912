import { describe, expect, it } from "vitest";
import type { TModelManifest } from "@/lib/model";
import { paramsFor } from "./model";

const penalty = { enter: 0.6, exit: 0.4, minLengthS: 1, mergeGapS: 2, preRollS: 1, postRollS: 1 };
const corner = { ...penalty, enter: 0.7 };
const manifest = (names: string[], window = { frames: 16, stride: 2 }) =>
  ({
    id: "penalty-lstm",
    version: "1.2.0-r1",
    sampleRate: 4,
    window,
    labels: { file: "labels.txt", sha256: "x", names },
    segmentDefaults: { penalty, corner },
  }) as unknown as TModelManifest;

describe("a live source's parameters for the serving model", () => {
  it("takes the model's grid and thresholds on the first segment", () => {
    expect(paramsFor(null, manifest(["background", "penalty"]))).toEqual({
      grid: { labels: ["background", "penalty"], rate: 4, windowFrames: 16, strideFrames: 2 },
      segments: { penalty, corner },
    });
  });

  it("keeps the stored ones when the model has no new label, and adds a version's new label", () => {
    const stored = {
      grid: { labels: ["background", "penalty"], rate: 4, windowFrames: 16, strideFrames: 2 },
      segments: { penalty: { ...penalty, enter: 0.9 } },
    };
    expect(paramsFor(stored, manifest(["background", "penalty"]))).toBe(stored);
    expect(paramsFor(stored, manifest(["background", "penalty", "corner"]))).toEqual({
      grid: { ...stored.grid, labels: ["background", "penalty", "corner"] },
      segments: { penalty: { ...penalty, enter: 0.9 }, corner },
    });
  });

  it("refuses a model whose windows the stream's cannot join, saying what to do", () => {
    const stored = paramsFor(null, manifest(["background", "penalty"]));
    expect(() => paramsFor(stored, manifest(["background", "penalty"], { frames: 32, stride: 4 }))).toThrow(
      /windows of 32\/4 frames, this stream started with 4\/s and 16\/2; start a new live source/,
    );
  });
});
