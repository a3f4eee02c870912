// Issue #23: 6 of the real clips in ../shared/data have a video track that starts 5.7-9.8 s after the
// audio. ffprobe's default 5 s of analysis saw no picture of it ("has no frames"); they must probe as
// video, and sampling keeps the slot grid anchored at t=0 of the source.
import { describe, expect, it } from "vitest";
import { sharedClip } from "@/test/fixtures";
import { probe, videoLeadOf } from "./ffprobe";
import { leadSlots, readFrames, type Frame } from "./frames";
import { mediaInfoFrom } from "./media";

const LATE: [string, number][] = [
  ["clips/penalty/wc2022-arg-fra/tiago_arg-fra-wc2022-3.mp4", 7.84],
  ["clips/penalty/wc2022-arg-fra/tiago_arg-fra-wc2022-4.mp4", 8.72],
  ["clips/penalty/wc2022-ned-arg/tiago_pba-arg-wc2022-3.mp4", 8.56],
  ["clips/penalty/wc2022-ned-arg/tiago_pba-arg-wc2022-5.mp4", 5.68],
  ["clips/penalty/wc2022-ned-arg/tiago_pba-arg-wc2022-6.mp4", 5.92],
  ["clips/penalty/wc2022-ned-arg/tiago_pba-arg-wc2022-7.mp4", 9.8],
];

describe("videos whose picture starts seconds after the sound", () => {
  it.each(LATE)("%s probes as a 1920x1080 video starting at %s s", async (rel, startS) => {
    const file = sharedClip(rel);
    const info = mediaInfoFrom(await probe(file));
    expect([info.width, info.height, info.videoCodec]).toEqual([1920, 1080, "h264"]);
    expect(await videoLeadOf(file)).toBeCloseTo(startS, 3);
  });

  it("samples every slot from t=0; the slots before the first picture repeat it", async () => {
    const file = sharedClip(LATE[0]![0]);
    const frames: Frame[] = [];
    for await (const f of readFrames({ input: file, rate: 4, size: 32, hwaccel: null })) frames.push(f);
    expect(frames.length).toBe(56); // 13.98 s at 4 fps
    expect(frames.map((f) => f.index)).toEqual(frames.map((_, i) => i));
    const lead = leadSlots(await videoLeadOf(file), 4);
    expect(lead).toBe(31); // 7.84 s * 4 = 31.36: slot 31 (7.75 s) is the first picture's
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
    for (let i = 0; i < lead; i++) expect(same(frames[i]!.rgb, frames[lead]!.rgb)).toBe(true);
    expect(frames.slice(lead + 1).some((f) => !same(f.rgb, frames[lead]!.rgb))).toBe(true);
  });
});
