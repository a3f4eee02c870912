// The file-backed decoder of live segments against the pipe reader analyses use: same frames, same errors.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedClip } from "../../test/match";
import { cutHls } from "./testing/hls-server";
import { FfmpegError, readFrames, type Frame } from "../ffmpeg/frames";
import { humanFfmpegError } from "../ffmpeg/media";
import { decodeSegmentFrames } from "./decode";

const CLIP = sharedClip("clips/penalty/wc2022-jpn-cro/tiago_jpn-cro-wc2022-1.mp4"); // 5.0 s, 25 fps

async function collect(it: AsyncIterable<Frame>) {
  const out: Frame[] = [];
  for await (const f of it) out.push(f);
  return out;
}

let dir: string;
let segment: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "live-decode-"));
  // a real HLS segment (MPEG-TS, keyframe first), 4 s
  segment = (await cutHls(CLIP, dir, 4))[0]!.file;
});

describe("decodeSegmentFrames", () => {
  it("gives readFrames' frames, indices and pixels for a segment, without the EOF padding slot", async () => {
    const opts = { input: segment, rate: 4, size: 224, durationS: 4 };
    const piped = await collect(readFrames(opts));
    const filed = await collect(decodeSegmentFrames({ ...opts, out: path.join(dir, "a.rgb") }));
    expect(filed.map((f) => f.index)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(filed.map((f) => f.index)).toEqual(piped.map((f) => f.index));
    filed.forEach((f, i) => {
      expect(f.timeS).toBe(i / 4);
      expect(Buffer.compare(Buffer.from(f.rgb), Buffer.from(piped[i]!.rgb))).toBe(0);
    });
  });

  it("fails on input ffmpeg cannot read with its stderr, as readFrames does", async () => {
    const junk = path.join(dir, "junk.ts");
    await writeFile(junk, "not a transport stream\n".repeat(500));
    const err = await collect(
      decodeSegmentFrames({ input: junk, rate: 4, size: 224, durationS: 4, out: path.join(dir, "b.rgb") }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FfmpegError);
    expect(humanFfmpegError((err as FfmpegError).stderrTail)).toMatch(/./);
  });

  it("rejects with the abort reason when aborted mid-segment", async () => {
    const ac = new AbortController();
    const run = async () => {
      const frames = decodeSegmentFrames({
        input: segment,
        rate: 4,
        size: 224,
        durationS: 4,
        out: path.join(dir, "c.rgb"),
        signal: ac.signal,
      });
      for await (const _f of frames) ac.abort(new Error("stop"));
    };
    await expect(run()).rejects.toThrow("stop");
  });
});
