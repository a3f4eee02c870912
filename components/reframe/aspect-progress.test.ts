import { describe, expect, it } from "vitest";
import type { TAspectDto } from "@/lib/schemas/highlights";
import { aspectProgress } from "./aspect-progress";

const a = (state: TAspectDto["state"]): TAspectDto => ({
  state,
  url: null,
  error: null,
  downloadName: "x.mp4",
});
const clip = (s916: TAspectDto["state"], status = "accepted" as const, clipUrl: string | null = "u") => ({
  status,
  clipUrl,
  aspects: { "9:16": a(s916), "1:1": a("none"), "4:5": a("none") },
  brandedAspects: { "16:9": a("none"), "9:16": a("none"), "1:1": a("none"), "4:5": a("none") },
});
const crop916 = { aspect: "9:16", branded: false } as const;

describe("aspectProgress", () => {
  it("counts the cut clips not rejected, and opens the ZIP only when every one is cropped", () => {
    const p = aspectProgress(
      [
        clip("ready"),
        clip("cutting"),
        clip("none"),
        clip("none", "accepted", null),
        { ...clip("none"), status: "rejected" },
      ],
      crop916,
    );
    expect(p).toMatchObject({ total: 3, ready: 1, cutting: 1, todo: 1, allReady: false });
    expect(p.text).toBe("1 of 3 clips cropped to 9:16, 1 being cropped.");
    expect(aspectProgress([clip("ready")], crop916)).toMatchObject({ allReady: true, todo: 0 });
    expect(aspectProgress([clip("failed")], crop916).text).toBe("0 of 1 clip cropped to 9:16, 1 failed.");
    expect(aspectProgress([], crop916)).toMatchObject({ allReady: false });
  });

  it("counts a branded variant apart from the plain crop, 16:9 with brand included", () => {
    const branded = {
      ...clip("ready"),
      brandedAspects: { ...clip("ready").brandedAspects, "16:9": a("cutting") },
    };
    const wide = aspectProgress([branded], { aspect: "16:9", branded: true });
    expect(wide).toMatchObject({ total: 1, ready: 0, cutting: 1, todo: 0 });
    expect(wide.text).toBe("0 of 1 clip made in 16:9 with brand, 1 being made.");
    expect(aspectProgress([branded], { aspect: "9:16", branded: true })).toMatchObject({ ready: 0, todo: 1 });
  });
});
