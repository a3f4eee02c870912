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
