import { describe, expect, it } from "vitest";
import {
  filterPath,
  parseWaveform,
  proxyGop,
  proxyHeight,
  proxyPieceCount,
  proxyPieceSpan,
  proxyPieceSpec,
  waveformSpec,
} from "./proxy-commands";

const info = { width: 1920, height: 1080, rotation: 0, fps: 25, hasAudio: true };

describe("proxyPieceSpec", () => {
  it("encodes one 60-s piece as ≤720p short-GOP CFR H.264 + AAC in MPEG-TS, placed at its time", () => {
    const spec = proxyPieceSpec("http://s3/src.avi", info, { startS: 120, durationS: 60 }, "/t/piece.ts");
    expect(spec.input).toBe("http://s3/src.avi");
    expect(spec.inputOptions).toEqual(["-ss", "120"]);
    expect(spec.output).toBe("/t/piece.ts");
    expect(spec.outputOptions).toEqual([
      ...["-t", "60", "-map", "0:v:0"],
      ...["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"],
      ...["-vf", "scale=-2:720,setsar=1"],
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"],
      ...["-g", "13", "-keyint_min", "13", "-sc_threshold", "0"],
      ...["-fps_mode", "cfr", "-r", "25"],
      ...["-output_ts_offset", "120", "-muxdelay", "0", "-muxpreload", "0"],
      ...["-f", "mpegts", "-sn", "-dn", "-y"],
    ]);
  });

  it("seeks to 0 for the first piece, drops audio without any, and keeps NTSC rates exact", () => {
    const spec = proxyPieceSpec(
      "in",
      { ...info, fps: 30000 / 1001, hasAudio: false },
      proxyPieceSpan(0, 30),
      "o",
    );
    expect(spec.inputOptions).toEqual(["-ss", "0"]);
    expect(spec.outputOptions).toContain("-an");
    expect(spec.outputOptions.join(" ")).not.toContain("0:a");
    const at = (flag: string) =>
      spec.outputOptions.slice(spec.outputOptions.indexOf(flag), spec.outputOptions.indexOf(flag) + 2);
    expect(at("-r")).toEqual(["-r", "30000/1001"]);
    expect(at("-g")).toEqual(["-g", "15"]);
    expect(at("-t")).toEqual(["-t", "30"]);
  });

  it("cuts a match into 60-s pieces, the last one what is left", () => {
    expect(proxyPieceCount(720)).toBe(12);
    expect(proxyPieceCount(721)).toBe(13);
    expect(proxyPieceCount(5)).toBe(1);
    expect(proxyPieceSpan(12, 721)).toEqual({ startS: 720, durationS: 1 });
    expect(proxyPieceSpan(3, 721)).toEqual({ startS: 180, durationS: 60 });
  });
});

describe("waveformSpec", () => {
  it("measures peaks from the audio alone: no video stream is decoded", () => {
    const spec = waveformSpec("http://s3/src.mp4", "/t/levels.txt");
    expect(spec.outputOptions).toEqual([
      ...["-map", "0:a:0", "-vn", "-sn", "-dn"],
      "-af",
      "asetpts=PTS-STARTPTS,aresample=8000,asetnsamples=n=800:p=0,astats=metadata=1:reset=1," +
        "ametadata=print:key=lavfi.astats.Overall.Peak_level:file=/t/levels.txt",
      ...["-f", "null"],
    ]);
  });
});

describe("proxy sizing", () => {
  it("caps the displayed height at 720 and keeps it even", () => {
    expect(proxyHeight({ width: 1920, height: 1080, rotation: 0 })).toBe(720);
    expect(proxyHeight({ width: 640, height: 361, rotation: 0 })).toBe(360);
    // a portrait phone video stored landscape with a 90° rotation: width is what is shown as height
    expect(proxyHeight({ width: 1080, height: 608, rotation: 90 })).toBe(720);
    expect(proxyHeight({ width: 480, height: 270, rotation: 270 })).toBe(480);
  });
  it("uses a half-second GOP", () => {
    expect(proxyGop(25)).toBe(13);
    expect(proxyGop(24)).toBe(12);
    expect(proxyGop(1)).toBe(1);
  });
  it("escapes filter-option metacharacters in paths", () => {
    expect(filterPath("/tmp/a:b,c;d'e[f]")).toBe("/tmp/a\\:b\\,c\\;d\\'e\\[f\\]");
  });
});

describe("parseWaveform", () => {
  it("turns dBFS peaks into linear values indexed by time; silence and gaps are 0", () => {
    const text = [
      "frame:0    pts:0       pts_time:0",
      "lavfi.astats.Overall.Peak_level=0.000000",
      "frame:1    pts:800     pts_time:0.1",
      "lavfi.astats.Overall.Peak_level=-20.000000",
      "frame:3    pts:2400    pts_time:0.3",
      "lavfi.astats.Overall.Peak_level=-inf",
    ].join("\n");
    expect(parseWaveform(text, 0.45)).toEqual([1, 0.1, 0, 0, 0]);
  });
});
