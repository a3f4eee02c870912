import { describe, expect, it } from "vitest";
import { humanFfmpegError, mediaInfoFrom, parseRate, posterSpec, rotationOf, UnplayableError } from "./media";

const video = {
  codec_type: "video",
  codec_name: "h264",
  width: 1920,
  height: 1080,
  avg_frame_rate: "30000/1001",
};

describe("mediaInfoFrom", () => {
  it("reads duration, fps, size, codecs, audio and bitrate", () => {
    const info = mediaInfoFrom({
      streams: [video, { codec_type: "audio", codec_name: "aac" }],
      format: { duration: "5400.5", bit_rate: "8000000" },
    });
    expect(info).toEqual({
      durationS: 5400.5,
      fps: 30000 / 1001,
      width: 1920,
      height: 1080,
      rotation: 0,
      videoCodec: "h264",
      audioCodec: "aac",
      hasAudio: true,
      bitrate: 8_000_000,
    });
  });

  it("ignores cover art and reports no video stream", () => {
    const art = { ...video, disposition: { attached_pic: 1 } };
    expect(() => mediaInfoFrom({ streams: [art, { codec_type: "audio" }], format: { duration: 3 } })).toThrow(
      new UnplayableError("no video stream"),
    );
  });

  it("rejects a stream without duration as truncated", () => {
    expect(() => mediaInfoFrom({ streams: [video], format: {} })).toThrow(/truncated/);
  });

  it("names an unknown codec", () => {
    expect(() =>
      mediaInfoFrom({
        streams: [{ ...video, codec_name: "none", codec_long_name: "Foo" }],
        format: { duration: 1 },
      }),
    ).toThrow("unsupported codec Foo");
  });
});

describe("helpers", () => {
  it("parses frame rates", () => {
    expect(parseRate("25/1")).toBe(25);
    expect(parseRate("0/0")).toBeNaN();
    expect(parseRate(undefined)).toBeNaN();
  });

  it("normalises rotation from the display matrix or the legacy tag", () => {
    expect(rotationOf({ side_data_list: [{ side_data_type: "Display Matrix", rotation: -90 }] })).toBe(270);
    expect(rotationOf({ tags: { rotate: "180" } })).toBe(180);
    expect(rotationOf({})).toBe(0);
  });

  it("maps ffmpeg errors to sentences", () => {
    expect(
      humanFfmpegError("[mov] moov atom not found\nfoo: Invalid data found when processing input"),
    ).toMatch(/^file is truncated/);
    expect(humanFfmpegError("x: Invalid data found when processing input")).toBe(
      "not a video file ffmpeg can read",
    );
  });

  it("builds the poster command", () => {
    expect(posterSpec("http://s3/x.mp4", 2.5, "/tmp/p.jpg")).toEqual({
      input: "http://s3/x.mp4",
      inputOptions: ["-ss", "2.500"],
      output: "/tmp/p.jpg",
      outputOptions: ["-frames:v", "1", "-vf", "scale=640:-2", "-q:v", "4", "-y"],
    });
  });
});
