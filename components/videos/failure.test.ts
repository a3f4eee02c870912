import { describe, expect, it } from "vitest";
import { failureHelp } from "./failure";

describe("failureHelp", () => {
  it("turns an unreadable file into plain words, no player, upload again", () => {
    const h = failureHelp("not a video file ffmpeg can read");
    expect(h).toMatchObject({ playable: false, actions: ["upload", "delete"] });
    expect(h.reason).toBe("This file is not a video that can be read.");
    expect(
      failureHelp("file is truncated (the MP4 index is missing: was the upload cut short?)").reason,
    ).toMatch(/incomplete/);
    expect(failureHelp("unsupported codec Apple ProRes").reason).toMatch(/format \(codec\)/);
  });

  it("explains each bad-input class of issue #16 in its own words", () => {
    const cases: [string, RegExp][] = [
      ["the file is empty (0 bytes): the upload sent no data", /empty/],
      ["this is a web page (HTML), not a video: was the page saved …", /page or text/],
      ["this is a still image (JPEG), not a video", /still picture/],
      ["audio only (aac): the file has no video track", /no picture/],
      ["the MP4 index (moov box) is damaged: no track can be read from it", /index is damaged/],
      ["the video track (h264) has no frames", /no pictures/],
      ["the MP4 has no tracks: its index (moov box) lists no audio or video", /without any video/],
      ["the picture is 1×1 pixels, too small to analyse (the smallest taken is 32×32, …)", /too small/],
      ['unsupported video codec "zzz1": ffmpeg has no decoder for it', /format \(codec\)/],
      ["only 2 frames in 24:00:00 of video (one every 12.0 h): its timestamps are broken …", /timestamps/],
    ];
    for (const [error, reason] of cases) expect(failureHelp(error).reason, error).toMatch(reason);
    const long = failureHelp("the video is 10:00:00 long; the limit is 6:00:00 (MAX_VIDEO_DURATION_S)");
    expect(long).toMatchObject({ playable: true, actions: ["upload", "delete"] });
    expect(long.advice).toMatch(/shorter parts/);
  });

  it("offers re-analysis when the analysis, not the file, failed", () => {
    const h = failureHelp("analysis failed: inference thread exited (code 1)");
    expect(h).toMatchObject({ playable: true, actions: ["reanalyze", "delete"] });
    expect(h.reason).not.toMatch(/inference thread/);
    // an analysis error that quotes a file problem is still an analysis failure
    expect(failureHelp("analysis failed: file is truncated").actions[0]).toBe("reanalyze");
    expect(failureHelp("analysis failed: model unavailable: no manifest").reason).toMatch(/model/);
  });

  it("has a sensible answer for an unknown or missing reason", () => {
    for (const e of [null, "", "something odd"]) {
      expect(failureHelp(e)).toMatchObject({ playable: true, actions: ["reanalyze", "upload", "delete"] });
    }
  });
});
