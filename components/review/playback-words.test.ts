import { describe, expect, it } from "vitest";
import type { TReviewDto } from "@/lib/schemas/review";
import { mediaSettled, playbackWords } from "./playback-words";

const source = { url: "/api/media/videos/v/source.mp4", kind: "source", type: "video/mp4" } as const;
const hls = {
  url: "/api/videos/v/proxy/3/playlist.m3u8",
  kind: "proxy",
  type: "application/x-mpegURL",
} as const;
const room = (over: Partial<Pick<TReviewDto, "media" | "playback" | "proxyError">>) => ({
  media: source,
  playback: null,
  proxyError: null,
  ...over,
});

describe("what the room says it plays", () => {
  it("names the original, or the proxy's reason and its pieces", () => {
    const original = { mode: "source", reason: "plays the original", pieces: null, piecesDone: 0 } as const;
    expect(playbackWords(room({ playback: original }))).toBe("plays the original");
    expect(mediaSettled(room({ playback: original }))).toBe(true);

    const avi = { mode: "proxy", reason: "proxy: AVI container", pieces: 12, piecesDone: 3 } as const;
    expect(playbackWords(room({ media: hls, playback: avi }))).toBe("proxy: AVI container, 3 of 12 pieces");
    expect(mediaSettled(room({ media: hls, playback: avi }))).toBe(false);
    const whole = { ...avi, piecesDone: 12 };
    expect(playbackWords(room({ media: hls, playback: whole }))).toBe("proxy: AVI container, ready");
    expect(mediaSettled(room({ media: hls, playback: whole }))).toBe(true);
    expect(playbackWords(room({ playback: avi, proxyError: "piece 4: no" }))).toBe(
      "proxy: AVI container, failed: plays the source",
    );
  });

  it("says a remux is copying, then ready, and settles once the copy plays", () => {
    const reason = "remux: the MP4 index (moov) is at the end";
    const copying = { mode: "remux", reason, pieces: 1, piecesDone: 0 } as const;
    expect(playbackWords(room({ playback: copying }))).toBe(
      `${reason}, copying the streams (plays the source meanwhile)`,
    );
    expect(mediaSettled(room({ playback: copying }))).toBe(false);
    const copy = { url: "/api/media/videos/v/proxy/proxy.mp4", kind: "proxy", type: "video/mp4" } as const;
    const done = { ...copying, piecesDone: 1 };
    expect(playbackWords(room({ media: copy, playback: done }))).toBe(`${reason}, ready`);
    expect(mediaSettled(room({ media: copy, playback: done }))).toBe(true);
    expect(playbackWords(room({ playback: copying, proxyError: "piece 1: no" }))).toBe(
      `${reason}, failed: plays the source`,
    );
  });

  it("keeps the old words for a video probed before the decision was recorded", () => {
    expect(playbackWords(room({}))).toBe("source (proxy coming)");
    expect(playbackWords(room({ media: { ...hls, type: "video/mp4", kind: "proxy" } }))).toBe("proxy");
    expect(mediaSettled(room({}))).toBe(false);
  });
});
