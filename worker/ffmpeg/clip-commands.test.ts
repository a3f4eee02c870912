import { describe, expect, it } from "vitest";
import {
  clipSpec,
  filmstripSpec,
  filmstripVtt,
  fpsArg,
  planCut,
  planFilmstrip,
  reelSpec,
} from "./clip-commands";

const ENCODE_AV = [
  "-c:v",
  "libx264",
  "-preset",
  "veryfast",
  "-crf",
  "18",
  "-r",
  "25",
  "-c:a",
  "aac",
  "-b:a",
  "192k",
  "-sn",
  "-dn",
  "-map_metadata",
  "-1",
  "-movflags",
  "+faststart",
  "-y",
];

describe("planCut", () => {
  it("snaps to the nearest frames, end exclusive", () => {
    expect(planCut(2.13, 5.47, 25, 8)).toEqual({ startFrame: 53, frames: 84, seekS: 2.12, durationS: 3.36 });
  });
  it("rounds the seek down so the first frame survives float error at 29.97", () => {
    const p = planCut(3.3, 6.1, 30000 / 1001, 8);
    expect(p.startFrame).toBe(99);
    expect(p.seekS).toBe(3.3033);
    expect(p.seekS).toBeLessThanOrEqual((99 * 1001) / 30000);
  });
  it("clamps to the source and keeps at least one frame", () => {
    expect(planCut(7.9, 30, 25, 8)).toMatchObject({ startFrame: 198, frames: 2 });
    expect(planCut(1.0, 1.001, 25, 8).frames).toBe(1);
  });
  it("rejects nonsense", () => {
    expect(() => planCut(5, 4, 25, 8)).toThrow(/invalid span/);
    expect(() => planCut(1, 2, 0, 8)).toThrow(/invalid frame rate/);
  });
});

describe("clipSpec", () => {
  it("seeks before -i, trims exact frames and samples, encodes faststart MP4", () => {
    const spec = clipSpec(
      "https://s3/src?sig",
      planCut(2.13, 5.47, 25, 8),
      { fps: 25, hasAudio: true },
      "/tmp/c.mp4",
    );
    expect(spec).toEqual({
      input: "https://s3/src?sig",
      inputOptions: [
        "-reconnect",
        "1",
        "-reconnect_on_network_error",
        "1",
        "-reconnect_delay_max",
        "5",
        "-ss",
        "2.120000",
        "-t",
        "3.400000",
      ],
      output: "/tmp/c.mp4",
      outputOptions: [
        "-filter_complex",
        "[0:v:0]trim=end_frame=84,setpts=PTS-STARTPTS,format=yuv420p[v0];[0:a:0]atrim=end=3.360000,asetpts=PTS-STARTPTS[a0]",
        "-map",
        "[v0]",
        "-map",
        "[a0]",
        ...ENCODE_AV,
      ],
    });
  });
  it("leaves audio out when the source has none", () => {
    const spec = clipSpec("/in.mp4", planCut(0, 1, 25, 8), { fps: 25, hasAudio: false }, "/o.mp4");
    expect(spec.inputOptions).toEqual(["-ss", "0.000000", "-t", "1.040000"]);
    expect(spec.outputOptions.slice(0, 4)).toEqual([
      "-filter_complex",
      "[0:v:0]trim=end_frame=25,setpts=PTS-STARTPTS,format=yuv420p[v0]",
      "-map",
      "[v0]",
    ]);
    expect(spec.outputOptions).toContain("-an");
  });
  it("passes NTSC rates as fractions", () => {
    expect(fpsArg(29.97)).toBe("30000/1001");
    expect(fpsArg(23.976)).toBe("24000/1001");
    expect(fpsArg(50)).toBe("50");
  });
});

describe("reelSpec", () => {
  it("cuts every segment like a clip and concatenates them in one encode", () => {
    const plans = [planCut(1, 2, 25, 8), planCut(4, 4.5, 25, 8)];
    const spec = reelSpec("/src.mp4", plans, { fps: 25, hasAudio: true }, "/reel.mp4");
    expect(spec.inputs).toEqual([
      { input: "/src.mp4", inputOptions: ["-ss", "1.000000", "-t", "1.040000"] },
      { input: "/src.mp4", inputOptions: ["-ss", "4.000000", "-t", "0.560000"] },
    ]);
    expect(spec.outputOptions.slice(0, 6)).toEqual([
      "-filter_complex",
      "[0:v:0]trim=end_frame=25,setpts=PTS-STARTPTS,format=yuv420p[v0];[0:a:0]atrim=end=1.000000,asetpts=PTS-STARTPTS[a0];" +
        "[1:v:0]trim=end_frame=13,setpts=PTS-STARTPTS,format=yuv420p[v1];[1:a:0]atrim=end=0.520000,asetpts=PTS-STARTPTS[a1];" +
        "[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]",
      "-map",
      "[v]",
      "-map",
      "[a]",
    ]);
    expect(() => reelSpec("/src.mp4", [], { fps: 25, hasAudio: true }, "/r.mp4")).toThrow(/at least one/);
  });
});

describe("filmstrip", () => {
  it("plans 10 s tiles and grows the interval for very long videos", () => {
    expect(planFilmstrip(95)).toEqual({ intervalS: 10, count: 10, cols: 10, rows: 1 });
    expect(planFilmstrip(8)).toEqual({ intervalS: 10, count: 1, cols: 1, rows: 1 });
    expect(planFilmstrip(5400)).toEqual({ intervalS: 10, count: 540, cols: 10, rows: 54 });
    expect(planFilmstrip(20_000).intervalS).toBe(20);
  });
  it("builds one tiled JPEG", () => {
    expect(filmstripSpec("/in.mp4", planFilmstrip(95), "/s.jpg")).toEqual({
      input: "/in.mp4",
      inputOptions: [],
      output: "/s.jpg",
      outputOptions: [
        "-map",
        "0:v:0",
        "-vf",
        "select=isnan(prev_selected_t)+gte(floor(t/10)-floor(prev_selected_t/10)\\,1),scale=160:90:force_original_aspect_ratio=decrease,pad=160:90:(ow-iw)/2:(oh-ih)/2:black,tile=10x1",
        "-frames:v",
        "1",
        "-q:v",
        "5",
        "-an",
        "-sn",
        "-dn",
        "-y",
      ],
    });
  });
  it("writes one WebVTT cue per tile, the last ending at the video's end", () => {
    const vtt = filmstripVtt(planFilmstrip(25, 10, 2), 25, "sprite.jpg");
    expect(vtt).toBe(
      "WEBVTT\n\n" +
        "00:00:00.000 --> 00:00:10.000\nsprite.jpg#xywh=0,0,160,90\n\n" +
        "00:00:10.000 --> 00:00:20.000\nsprite.jpg#xywh=160,0,160,90\n\n" +
        "00:00:20.000 --> 00:00:25.000\nsprite.jpg#xywh=0,90,160,90\n",
    );
  });
});
