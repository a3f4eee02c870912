import { describe, expect, it } from "vitest";
import { FfmpegError, readFrames } from "./frames";

const CLIP = "../shared/data/clips/penalty/wc2022-jpn-cro/tiago_jpn-cro-wc2022-1.mp4"; // 5.0 s, 25 fps

async function collect(it: AsyncIterable<{ index: number; timeS: number; rgb: Uint8Array }>) {
  const out = [];
  for await (const f of it) out.push(f);
  return out;
}

describe("readFrames", () => {
  it("samples a 5 s clip at 4 fps with times on the k/4 grid", async () => {
    const frames = await collect(readFrames({ input: CLIP, rate: 4, size: 224 }));
    expect(frames.length).toBeGreaterThanOrEqual(19);
    expect(frames.length).toBeLessThanOrEqual(21);
    expect(frames.map((f) => f.index)).toEqual(frames.map((_, i) => i));
    expect(frames[5]!.timeS).toBe(1.25);
    expect(frames[0]!.rgb.length).toBe(224 * 224 * 3);
  });

  it("a chunk starting at 2 s yields the same pixels as the whole-file run", async () => {
    const whole = await collect(readFrames({ input: CLIP, rate: 4, size: 224 }));
    const chunk = await collect(readFrames({ input: CLIP, rate: 4, size: 224, startS: 2, durationS: 2 }));
    expect(chunk.map((f) => f.index)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    for (const f of chunk)
      expect(Buffer.compare(Buffer.from(f.rgb), Buffer.from(whole[f.index]!.rgb))).toBe(0);
  });

  it("a first chunk of an edit-list MP4 (pre-roll frames before 0) holds all its frames", async () => {
    // tiago_bra-cro-wc2022-8's edit list starts 4.32 s into decoded pre-roll. A proxy piece without an
    // input seek lost most of its 7 s to that; the analysis reader must not (its fps filter starts the
    // grid at 0, so it gives all 28 frames with or without -ss 0).
    const input = "../shared/data/clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4";
    const whole = await collect(readFrames({ input, rate: 4, size: 224 }));
    const first = await collect(readFrames({ input, rate: 4, size: 224, startS: 0, durationS: 7 }));
    expect(first.map((f) => f.index)).toEqual([...Array(28).keys()]);
    for (const f of first)
      expect(Buffer.compare(Buffer.from(f.rgb), Buffer.from(whole[f.index]!.rgb))).toBe(0);
  });

  it("stops ffmpeg when the consumer breaks early", async () => {
    let n = 0;
    for await (const _f of readFrames({ input: CLIP, rate: 4, size: 224 })) if (++n === 2) break;
    expect(n).toBe(2);
  });

  it("aborts on signal", async () => {
    const ac = new AbortController();
    const run = async () => {
      for await (const _f of readFrames({ input: CLIP, rate: 4, size: 224, signal: ac.signal })) ac.abort();
    };
    await expect(run()).rejects.toThrow(/abort/i);
  });

  it("reports ffmpeg's stderr when decoding fails", async () => {
    const err = await collect(readFrames({ input: "/nonexistent/x.mp4", rate: 4, size: 224 })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FfmpegError);
    expect((err as FfmpegError).message).toMatch(/No such file/);
  });
});
