import { describe, expect, it } from "vitest";
import {
  frameCountOf,
  humanFfmpegError,
  mediaInfoFrom,
  parseRate,
  posterSpec,
  probeFailure,
  rotationOf,
  UnplayableError,
  videoLeadS,
} from "./media";

const video = {
  codec_type: "video",
  codec_name: "h264",
  width: 1920,
  height: 1080,
  avg_frame_rate: "30000/1001",
  pix_fmt: "yuv420p",
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

  it("ignores cover art: audio with a picture is audio only", () => {
    const art = { ...video, disposition: { attached_pic: 1 } };
    expect(() =>
      mediaInfoFrom({ streams: [art, { codec_type: "audio", codec_name: "aac" }], format: { duration: 3 } }),
    ).toThrow(new UnplayableError("audio only (aac with a cover picture): the file has no video track"));
    expect(() => mediaInfoFrom({ streams: [art], format: { duration: 3 } })).toThrow("no video stream");
  });

  it("rejects a stream without duration as truncated", () => {
    expect(() => mediaInfoFrom({ streams: [video], format: {} })).toThrow(/truncated/);
  });

  it("names an unknown codec by its fourcc", () => {
    expect(() =>
      mediaInfoFrom({
        streams: [{ ...video, codec_name: undefined, codec_tag_string: "zzz1" }],
        format: { duration: 1 },
      }),
    ).toThrow('unsupported video codec "zzz1": ffmpeg has no decoder for it');
  });

  it("says what each non-video is (ffprobe's own JSON for these files)", () => {
    const refusal = (data: Parameters<typeof mediaInfoFrom>[0]) => {
      try {
        mediaInfoFrom(data);
        return "accepted";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(refusal({ streams: [], format: { format_name: "mov,mp4,m4a,3gp,3g2,mj2" } })).toBe(
      "the MP4 index (moov box) is damaged: no track can be read from it",
    );
    // a readable movie header (its duration) and no track: written without any (issue #23)
    expect(
      refusal({ streams: [], format: { format_name: "mov,mp4,m4a,3gp,3g2,mj2", duration: "4.000000" } }),
    ).toBe("the MP4 has no tracks: its index (moov box) lists no audio or video");
    expect(refusal({ streams: [], format: { format_name: "mpegts" } })).toBe(
      "no audio or video streams in the file",
    );
    expect(
      refusal({
        streams: [{ codec_type: "video", codec_name: "mjpeg", width: 9, height: 9 }],
        format: { format_name: "jpeg_pipe" },
      }),
    ).toBe("this is a still image (JPEG), not a video");
    expect(
      refusal({
        streams: [
          { codec_type: "audio", codec_name: "mp3" },
          { ...video, codec_name: "mjpeg", disposition: { attached_pic: 1 } },
        ],
        format: { format_name: "mp3", duration: "3" },
      }),
    ).toBe("audio only (mp3 with a cover picture): the file has no video track");
    // the index lists no samples: no pixel format, no frame count
    expect(refusal({ streams: [{ ...video, pix_fmt: undefined }], format: { duration: "3" } })).toBe(
      "the video track (h264) has no frames",
    );
    expect(refusal({ streams: [{ ...video, nb_frames: "0" }], format: { duration: "3" } })).toBe(
      "the video track (h264) has no frames",
    );
  });

  it("counts frames where the container keeps a count", () => {
    expect(frameCountOf({ streams: [{ ...video, nb_frames: "75" }], format: {} })).toBe(75);
    expect(frameCountOf({ streams: [video], format: {} })).toBeNull();
  });
});

describe("videoLeadS", () => {
  it("is how long after the earliest stream the first video stream starts (issue #23)", () => {
    const audio = { codec_type: "audio", codec_name: "aac", start_time: "0.000000" };
    const late = { ...video, start_time: "7.840000" };
    expect(videoLeadS({ streams: [late, audio], format: { start_time: "0.000000" } })).toBe(7.84);
    // MPEG-TS timestamps start anywhere: counted from the container's start, as ffmpeg counts
    expect(videoLeadS({ streams: [{ ...video, start_time: 1.4 }], format: { start_time: 1.4 } })).toBe(0);
    expect(videoLeadS({ streams: [{ ...video, start_time: "11.5" }], format: { start_time: "1.5" } })).toBe(
      10,
    );
    expect(videoLeadS({ streams: [video, audio], format: {} })).toBe(0);
    expect(videoLeadS({ streams: [audio], format: {} })).toBe(0);
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

  it("tells a truncated MP4 from bytes that never were one", () => {
    const stderr = "[mov,mp4] moov atom not found\nx.mp4: Invalid data found when processing input";
    const mp4Head = new Uint8Array([0, 0, 0, 32, ...new TextEncoder().encode("ftypisom")]);
    expect(probeFailure(stderr, mp4Head)).toMatch(/^file is truncated/);
    expect(probeFailure(stderr, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe(
      "not a video file ffmpeg can read (no known container format)",
    );
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
