import { describe, expect, it } from "vitest";
import { clipSummary, reelPlan } from "./downloads-copy";

const clip = (over: Partial<Parameters<typeof clipSummary>[0][number]> = {}) => ({
  status: "suggested" as const,
  clipUrl: "/api/media/c.mp4",
  clipStatus: "ready" as const,
  clipStale: false,
  ...over,
});

describe("clipSummary", () => {
  it("does not count a clip being re-cut as ready, and ends with one full stop", () => {
    // was "2 of 2 clips ready · cutting 1…."
    const text = clipSummary([clip(), clip({ clipStatus: "cutting", clipStale: true })]);
    expect(text).toBe("1 of 2 clips ready, 1 being cut. Each card above downloads its own clip.");
    expect(text).not.toMatch(/\.\.|…\./);
  });

  it("says all are ready, or that there is nothing yet", () => {
    expect(clipSummary([clip()])).toBe("1 of 1 clip ready. Each card above downloads its own clip.");
    expect(clipSummary([clip({ clipUrl: null, clipStatus: "cutting" })])).toBe(
      "0 of 1 clip ready, 1 being cut. Each card above downloads its own clip.",
    );
    expect(clipSummary([])).toBe("No highlights to download yet.");
  });
});

describe("reelPlan", () => {
  it("counts the suggestions that are not rejected until something is accepted", () => {
    const hs = [
      { status: "suggested" as const, startS: 5 },
      { status: "rejected" as const, startS: 1 },
    ];
    expect(reelPlan(hs, null)).toEqual({
      count: 1,
      text: "Nothing accepted yet: 1 suggested highlight that is not rejected.",
    });
    expect(reelPlan([...hs, { status: "suggested", startS: 9 }], "goal").text).toBe(
      "Nothing accepted yet: 2 suggested goal highlights that are not rejected.",
    );
  });

  it("takes only accepted and edited ones once any is accepted; nothing when all are rejected", () => {
    const hs = [
      { status: "edited" as const, startS: 5 },
      { status: "suggested" as const, startS: 1 },
    ];
    expect(reelPlan(hs, null)).toEqual({ count: 1, text: "1 accepted highlight, in time order." });
    expect(reelPlan([{ status: "rejected", startS: 1 }], null)).toEqual({
      count: 0,
      text: "Every highlight is rejected.",
    });
  });
});
