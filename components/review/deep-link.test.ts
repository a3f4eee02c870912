import { describe, expect, it } from "vitest";
import { linkTarget, parseLinkTime, roomLinkHref } from "./deep-link";

describe("review room links", () => {
  it("reads timecode, match clock and seconds", () => {
    expect(parseLinkTime("00:01:15:12", 25)).toBeCloseTo(75.48, 9);
    expect(parseLinkTime("1:15", 25)).toBe(75);
    expect(parseLinkTime("1:02:03.5", 25)).toBe(3723.5);
    expect(parseLinkTime("75.5", 25)).toBe(75.5);
    expect(parseLinkTime("00:00:01:25", 25)).toBeNull();
    expect(parseLinkTime("soon", 25)).toBeNull();
    expect(parseLinkTime("1:75", 25)).toBeNull();
  });

  it("round-trips the timecode a copied link carries, to the frame", () => {
    const href = roomLinkHref("http://h", "v1", { t: 75.48, fps: 25 });
    expect(href).toBe("http://h/videos/v1?t=00%3A01%3A15%3A12");
    const t = new URL(href).searchParams.get("t")!;
    expect(Math.round(parseLinkTime(t, 25)! * 25)).toBe(Math.round(75.48 * 25));
    expect(roomLinkHref("http://h", "v1", { highlightId: "h1" })).toBe("http://h/videos/v1?highlight=h1");
  });

  const hs = [
    { id: "a", startS: 10 },
    { id: "b", startS: 40 },
  ];
  it("opens at a highlight's start, selected; t moves the player inside it", () => {
    expect(linkTarget({ t: null, highlight: "b" }, hs, 25, 90)).toEqual({
      t: 40,
      highlightId: "b",
      problem: null,
    });
    expect(linkTarget({ t: "42", highlight: "b" }, hs, 25, 90)?.t).toBe(42);
    expect(linkTarget({ t: null, highlight: null }, hs, 25, 90)).toBeNull();
  });

  it("says what is wrong with a link to something the video does not have, and clamps times", () => {
    expect(linkTarget({ t: null, highlight: "gone" }, hs, 25, 90)).toEqual({
      t: 0,
      highlightId: null,
      problem: "The linked highlight is not in this video's current highlights.",
    });
    expect(linkTarget({ t: "later", highlight: null }, hs, 25, 90)?.problem).toMatch(/"later" is not a time/);
    expect(linkTarget({ t: "9999", highlight: null }, hs, 25, 90)?.t).toBe(90);
  });
});
