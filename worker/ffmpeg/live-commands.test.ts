import { describe, expect, it } from "vitest";
import { clipSpec, concatList, recordingSpec } from "./live-commands";

describe("live ffmpeg specs", () => {
  it("writes a concat list, escaping single quotes", () => {
    expect(concatList(["/t/a.ts", "/t/it's.ts"])).toBe("file '/t/a.ts'\nfile '/t/it'\\''s.ts'\n");
  });

  it("records by stream copy into a faststart MP4", () => {
    expect(recordingSpec("/t/list.txt", "/t/out.mp4")).toEqual({
      input: "/t/list.txt",
      inputOptions: ["-f", "concat", "-safe", "0", "-protocol_whitelist", "file,http,https,tcp,tls,crypto"],
      output: "/t/out.mp4",
      outputOptions: [
        "-map",
        "0:v:0",
        "-map",
        "0:a:0?",
        "-c",
        "copy",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        "-y",
      ],
    });
  });

  it("cuts a clip with an accurate (re-encoded) start and length", () => {
    const spec = clipSpec("/t/list.txt", 3.25, 12.5, "/t/clip.mp4");
    expect(spec.inputOptions.slice(-2)).toEqual(["-ss", "3.250"]);
    expect(spec.outputOptions.slice(0, 2)).toEqual(["-t", "12.500"]);
    expect(spec.outputOptions).toContain("libx264");
    expect(clipSpec("/t/l", -1, 1, "/t/c").inputOptions.slice(-1)).toEqual(["0.000"]);
  });
});
