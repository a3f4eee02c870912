import { describe, expect, it } from "vitest";
import type { ProbeData } from "./media";
import { decidePlayback, longestGopS, moovPosition, PLAYS_ORIGINAL, type PlaybackFacts } from "./playable";

const box = (type: string, size: number) => {
  const b = new Uint8Array(size);
  new DataView(b.buffer).setUint32(0, size);
  b.set(new TextEncoder().encode(type), 4);
  return b;
};
const head = (...boxes: Uint8Array[]) => {
  const out = new Uint8Array(boxes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of boxes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
};
const FRONT = head(box("ftyp", 32), box("moov", 900), box("mdat", 64));
const END = head(box("ftyp", 32), box("free", 8), box("mdat", 5000));

function mp4(
  over: Partial<ProbeData["streams"][number]> = {},
  audio = "aac",
  format = "mov,mp4,m4a,3gp,3g2,mj2",
) {
  return {
    format: { format_name: format },
    streams: [
      { codec_type: "video", codec_name: "h264", pix_fmt: "yuv420p", width: 1280, height: 720, ...over },
      { codec_type: "audio", codec_name: audio },
    ],
  } satisfies ProbeData;
}
const everyTwo: PlaybackFacts = { head: FRONT, keyframes: [0, 2, 4, 6, 8, 10], keyframesUntilS: 11.96 };

describe("decidePlayback", () => {
  it("plays a browser-friendly MP4 (H.264/AAC, 2-s GOP, index first, ≤1080p) as it is", () => {
    expect(decidePlayback(mp4(), everyTwo)).toEqual({ mode: "source", reason: PLAYS_ORIGINAL });
    expect(decidePlayback(mp4({ width: 1920, height: 1080 }), everyTwo).mode).toBe("source");
    // a phone's portrait 1080×1920 is 1080p too
    expect(decidePlayback(mp4({ width: 1080, height: 1920 }), everyTwo).mode).toBe("source");
  });

  it("plays WebM with VP9 and Opus", () => {
    const webmHead = new Uint8Array([
      0x1a,
      0x45,
      0xdf,
      0xa3,
      ...new TextEncoder().encode("\x42\x82\x84webm"),
    ]);
    const data = {
      format: { format_name: "matroska,webm" },
      streams: [
        { codec_type: "video", codec_name: "vp9", pix_fmt: "yuv420p", width: 1280, height: 720 },
        { codec_type: "audio", codec_name: "opus" },
      ],
    };
    expect(decidePlayback(data, { ...everyTwo, head: webmHead }).mode).toBe("source");
    const mkvHead = new Uint8Array([
      0x1a,
      0x45,
      0xdf,
      0xa3,
      ...new TextEncoder().encode("\x42\x82\x88matroska"),
    ]);
    expect(decidePlayback(data, { ...everyTwo, head: mkvHead }).reason).toBe("proxy: Matroska container");
  });

  it("says why the browser needs a proxy, first reason first", () => {
    const why = (data: ProbeData, facts: PlaybackFacts = everyTwo) => decidePlayback(data, facts).reason;
    expect(why(mp4({}, "aac", "avi"))).toBe("proxy: AVI container");
    expect(why(mp4({}, "aac", "mpeg"))).toBe("proxy: MPEG-PS container");
    expect(why(mp4({}, "aac", "mpegts"))).toBe("proxy: MPEG-TS container");
    expect(why(mp4({ codec_name: "mpeg2video" }))).toBe("proxy: MPEG-2 video");
    expect(why(mp4({ codec_name: "hevc" }))).toBe("proxy: H.265 video");
    expect(why(mp4({ pix_fmt: "yuv422p10le" }))).toBe("proxy: yuv422p10le pixels");
    expect(why(mp4({ field_order: "tt" }))).toBe("proxy: interlaced video");
    expect(why(mp4({ width: 3840, height: 2160 }))).toBe("proxy: 3840×2160 is over 1080p");
    expect(why(mp4({}, "pcm_s16le"))).toBe("proxy: PCM_S16LE audio");
    expect(why(mp4(), { ...everyTwo, keyframes: [0, 10, 20], keyframesUntilS: 29.96 })).toBe(
      "proxy: keyframes 10 s apart",
    );
    expect(why(mp4(), { ...everyTwo, keyframes: [0], keyframesUntilS: 29.96 })).toBe(
      "proxy: keyframes 30 s apart",
    );
    expect(why(mp4(), { ...everyTwo, keyframes: null })).toBe("proxy: its keyframes could not be read");
  });

  it("copies the streams into a new MP4 when the index at the end is the only reason", () => {
    expect(decidePlayback(mp4(), { ...everyTwo, head: END })).toEqual({
      mode: "remux",
      reason: "remux: the MP4 index (moov) is at the end",
    });
    // anything an encode must fix as well wins: a remux would not make it play
    expect(decidePlayback(mp4({ codec_name: "hevc" }), { ...everyTwo, head: END }).mode).toBe("proxy");
    const sparse = { head: END, keyframes: [0, 10], keyframesUntilS: 19.96 };
    expect(decidePlayback(mp4(), sparse).reason).toBe("proxy: keyframes 10 s apart");
    expect(decidePlayback(mp4(), { ...everyTwo, head: END, keyframes: null }).mode).toBe("proxy");
  });

  it("reads the MP4's box order and the longest keyframe gap", () => {
    expect(moovPosition(FRONT)).toBe("front");
    expect(moovPosition(END)).toBe("end");
    expect(moovPosition(head(box("ftyp", 32)))).toBeNull();
    expect(longestGopS([0, 2, 4], 5.96)).toBeCloseTo(2);
    expect(longestGopS([0, 2, 4], 9)).toBe(5);
    expect(longestGopS([], 9)).toBe(Infinity);
  });
});
