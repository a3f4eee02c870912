import { describe, expect, it } from "vitest";
import { countExamples, readiness } from "./readiness";

describe("readiness of a taught label", () => {
  it("refuses too few examples, saying how many more examples and videos are needed", () => {
    expect(readiness({ label: "goal", examples: 3, videos: 1 })).toEqual({
      ready: false,
      message:
        '"goal" has 3 examples on 1 video: it needs 2 more examples and 1 more video (at least 5 examples from at least 2 videos)',
    });
    expect(readiness({ label: "goal", examples: 7, videos: 1 }).message).toMatch(/needs 1 more video \(/);
    expect(readiness({ label: "goal", examples: 4, videos: 3 }).message).toMatch(
      /has 4 examples on 3 videos: it needs 1 more example \(/,
    );
    expect(readiness({ label: "goal", examples: 0, videos: 0 }).ready).toBe(false);
  });

  it("accepts 5 examples from 2 videos", () => {
    expect(readiness({ label: "goal", examples: 5, videos: 2 }).ready).toBe(true);
  });

  it("counts positive examples and distinct videos per label", () => {
    const rows = [
      { videoId: "a", label: "goal", kind: "positive" },
      { videoId: "a", label: "goal", kind: "positive" },
      { videoId: "b", label: "goal", kind: "positive" },
      { videoId: "b", label: "goal", kind: "negative" },
      { videoId: "c", label: "penalty", kind: "positive" },
    ];
    expect(countExamples(rows, ["goal", "corner"])).toEqual([
      { label: "goal", examples: 3, videos: 2 },
      { label: "corner", examples: 0, videos: 0 },
    ]);
  });
});

describe("a new label's name", () => {
  it("is lowercase words joined by hyphens, and not background", async () => {
    const { ZLabelName } = await import("../schemas/labels");
    expect(ZLabelName.parse(" red-card ")).toBe("red-card");
    expect(ZLabelName.parse("corner")).toBe("corner");
    for (const bad of ["Corner", "red card", "goal!", "", "background", "-x", "a".repeat(33)])
      expect(ZLabelName.safeParse(bad).success, bad).toBe(false);
    expect(ZLabelName.safeParse("background").error?.issues[0]?.message).toMatch(/pick another name/);
  });
});
