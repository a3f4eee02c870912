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
});

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
      "9:16",
    );
    expect(p).toMatchObject({ total: 3, ready: 1, cutting: 1, todo: 1, allReady: false });
    expect(p.text).toBe("1 of 3 clips cropped to 9:16, 1 being cropped.");
    expect(aspectProgress([clip("ready")], "9:16")).toMatchObject({ allReady: true, todo: 0 });
    expect(aspectProgress([clip("failed")], "9:16").text).toBe("0 of 1 clip cropped to 9:16, 1 failed.");
    expect(aspectProgress([], "9:16")).toMatchObject({ allReady: false });
  });
});
