import { describe, expect, it } from "vitest";
import { filterPath, parseShots, parseWaveform, proxyGop, proxyHeight, proxySpec } from "./proxy-commands";

const info = { width: 1920, height: 1080, rotation: 0, fps: 25, hasAudio: true };
const out = { video: "/t/proxy.mp4", shots: "/t/shots.txt", waveform: "/t/wave.txt" };

describe("proxySpec", () => {
  it("encodes ≤720p short-GOP CFR H.264 + AAC with shots and waveform from the same decode", () => {
    const spec = proxySpec("http://s3/src.mp4", info, out);
    expect(spec.input).toBe("http://s3/src.mp4");
    expect(spec.output).toBe("/t/proxy.mp4");
    expect(spec.outputOptions).toEqual([
      "-filter_complex",
      "[0:v:0]setpts=PTS-STARTPTS,split=2[enc][sc];" +
        "[enc]scale=-2:720,setsar=1[vout];" +
        "[sc]scale=64:36,select='gt(scene\\,0.3)',metadata=print:file=/t/shots.txt,nullsink;" +
        "[0:a:0]asetpts=PTS-STARTPTS,asplit=2[aout][wa];" +
        "[wa]aresample=8000,asetnsamples=n=800:p=0,astats=metadata=1:reset=1," +
        "ametadata=print:key=lavfi.astats.Overall.Peak_level:file=/t/wave.txt,anullsink",
      ...["-map", "[vout]", "-map", "[aout]", "-c:a", "aac", "-b:a", "128k", "-ac", "2"],
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"],
      ...["-g", "13", "-keyint_min", "13", "-sc_threshold", "0"],
      ...["-fps_mode", "cfr", "-r", "25"],
      ...["-movflags", "+faststart", "-sn", "-dn", "-y"],
    ]);
  });

  it("drops the audio branches without audio and keeps NTSC rates exact", () => {
    const spec = proxySpec("in", { ...info, fps: 30000 / 1001, hasAudio: false }, out);
    const graph = spec.outputOptions[1]!;
    expect(graph).not.toContain("[0:a");
    expect(spec.outputOptions).toContain("-an");
    expect(
      spec.outputOptions.slice(spec.outputOptions.indexOf("-r"), spec.outputOptions.indexOf("-r") + 2),
    ).toEqual(["-r", "30000/1001"]);
    expect(
      spec.outputOptions.slice(spec.outputOptions.indexOf("-g"), spec.outputOptions.indexOf("-g") + 2),
    ).toEqual(["-g", "15"]);
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

describe("parseShots", () => {
  it("reads pts_time lines, skips the first frame and duplicates within a frame", () => {
    const text = [
      "frame:0    pts:0       pts_time:0",
      "lavfi.scene_score=1.000000",
      "frame:1    pts:38400   pts_time:3",
      "lavfi.scene_score=0.345668",
      "frame:2    pts:38401   pts_time:3.01",
      "lavfi.scene_score=0.5",
      "frame:3    pts:90000   pts_time:7.04",
      "lavfi.scene_score=0.9",
    ].join("\n");
    expect(parseShots(text, 25)).toEqual([3, 7.04]);
    expect(parseShots("", 25)).toEqual([]);
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
