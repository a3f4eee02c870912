import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allKeyframeTimes, coarseFrames, type CoarseFrame } from "./coarse-frames";

let dir: string;
const video = (name: string, gop: number) => {
  const file = path.join(dir, name);
  execFileSync("ffmpeg", [
    ...[
      "-hide_banner",
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x240:rate=25:duration=10",
    ],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-g", String(gop), "-pix_fmt", "yuv420p", file],
  ]);
  return file;
};
let shortGop: string;
let longGop: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "coarse-"));
  shortGop = video("gop2.mp4", 50);
  longGop = video("gop10.mp4", 250);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(frames: AsyncIterable<CoarseFrame>) {
  const out = [];
  for await (const f of frames) out.push(f);
  return out;
}

describe("coarse pass frames", () => {
  it("decodes one picture per keyframe of a 2-s GOP, at the keyframes' times", async () => {
    expect(await allKeyframeTimes(shortGop)).toEqual([0, 2, 4, 6, 8]);
    const { sampler, frames } = await coarseFrames({ input: shortGop, size: 224, durationS: 10 });
    const got = await collect(frames);
    expect(sampler).toBe("keyframes");
    expect(got.map((f) => f.timeS)).toEqual([0, 2, 4, 6, 8]);
    expect(got[0]!.rgb.length).toBe(224 * 224 * 3);
  });

  it("gives each keyframe's own picture: the same pixels as an exact seek to its time", async () => {
    const { frames } = await coarseFrames({ input: shortGop, size: 224, durationS: 10 });
    const keys = await collect(frames);
    const { frames: seeked } = await coarseFrames({ input: longGop, size: 224, durationS: 10 });
    const at = await collect(seeked);
    // Same source pictures (testsrc2 is deterministic), decoded two ways: every keyframe of the
    // 2-s GOP against a seek to the same time in the 10-s GOP file (a P-frame there, near-lossless).
    for (const [i, k] of keys.entries()) {
      let diff = 0;
      for (let j = 0; j < k.rgb.length; j++) diff += Math.abs(k.rgb[j]! - at[i]!.rgb[j]!);
      expect(diff / k.rgb.length).toBeLessThan(3);
    }
    // and differ from each other: a decoder repeating one picture would fail here
    let apart = 0;
    for (let j = 0; j < keys[0]!.rgb.length; j++) apart += Math.abs(keys[0]!.rgb[j]! - keys[1]!.rgb[j]!);
    expect(apart / keys[0]!.rgb.length).toBeGreaterThan(10);
  });

  it("seek-samples every 2 s where keyframes are 10 s apart", async () => {
    expect(await allKeyframeTimes(longGop)).toEqual([0]);
    const { sampler, frames } = await coarseFrames({ input: longGop, size: 224, durationS: 10 });
    const got = await collect(frames);
    expect(sampler).toBe("seek");
    expect(got.map((f) => f.timeS)).toEqual([0, 2, 4, 6, 8]);
    expect(Buffer.compare(Buffer.from(got[1]!.rgb), Buffer.from(got[2]!.rgb))).not.toBe(0);
  });

  it("names the file when it cannot list keyframes", async () => {
    await expect(allKeyframeTimes(path.join(dir, "missing.mp4"))).rejects.toThrow(
      /could not list the keyframes/,
    );
  });
});
