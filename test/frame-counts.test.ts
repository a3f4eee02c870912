// Issue #18: an untrimmed highlight showed 312 frames in the review room and 313 in its clip and exports.
import { describe, expect, it } from "vitest";
import { describe as describeItem } from "@/components/review/review-clock";
import { span } from "@/components/review/review-panel";
import { planCut } from "@/worker/ffmpeg/clip-commands";
import { renderExport, type ExportVideo } from "@/lib/exports";

const video = (fps: number, durationS: number): ExportVideo => ({
  id: "7c7c7c7c-0000-4000-8000-000000000001",
  title: "match",
  originalName: "match.mp4",
  fps,
  durationS,
  width: 1280,
  height: 720,
  hasAudio: true,
});

// Untrimmed highlights come from 0.5 s score windows plus rolls: their edges sit between frames.
function spans(n: number, durationS: number): [number, number][] {
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  return Array.from({ length: n }, () => {
    const start = rnd() * (durationS - 30);
    return [start, start + 1 + rnd() * 20];
  });
}

describe("frame counts", () => {
  for (const fps of [25, 50, 30000 / 1001, 24]) {
    it(`review room, clip cutter and every export count the same frames at ${fps.toFixed(3)} fps`, () => {
      const durationS = 600;
      const hs = spans(200, durationS).map(([startS, endS], i) => ({
        id: `h${String(i).padStart(3, "0")}`,
        label: "penalty",
        status: "suggested" as const,
        startS,
        endS,
        peak: 0.9,
        mean: 0.8,
      }));
      const json = JSON.parse(renderExport("json", video(fps, durationS), hs).body) as {
        highlights: { id: string; startFrame: number; endFrame: number }[];
      };
      const exported = new Map(json.highlights.map((h) => [h.id, h.endFrame - h.startFrame]));
      for (const h of hs) {
        const room = Number(/\((\d+) frames\)/.exec(describeItem(h, fps, durationS))![1]);
        expect({ id: h.id, room }).toEqual({
          id: h.id,
          room: planCut(h.startS, h.endS, fps, durationS).frames,
        });
        expect({ id: h.id, room }).toEqual({ id: h.id, room: exported.get(h.id) });
      }
    });
  }
});

describe("review card duration", () => {
  it("reads as timecode and the clip's frame count", () => {
    // 12.5 → frame 313, 25.02 → frame 626 (exclusive): 313 frames = 12 s 13 frames at 25 fps
    expect(span({ startS: 12.5, endS: 25.02 }, 25, 60)).toBe("00:00:12:13 · 313 frames");
  });
});
