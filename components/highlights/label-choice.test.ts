import { describe, expect, it } from "vitest";
import { downloadHref, reelOfLabel } from "./label-choice";

describe("label choice of the downloads panel", () => {
  it("adds the label to a download URL, escaped, after ? or &", () => {
    expect(downloadHref("/api/videos/v/clips.zip", null)).toBe("/api/videos/v/clips.zip");
    expect(downloadHref("/api/videos/v/clips.zip", "goal")).toBe("/api/videos/v/clips.zip?label=goal");
    expect(downloadHref("/api/videos/v/export?format=csv", "red card&co")).toBe(
      "/api/videos/v/export?format=csv&label=red%20card%26co",
    );
  });
  it("says which label a reel holds", () => {
    expect(reelOfLabel(null)).toBe("Reel — all labels");
    expect(reelOfLabel("goal")).toBe("Reel — goal only");
  });
});
