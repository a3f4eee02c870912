// What the benchmarks share: following an upload through the API as the library page does.
import type { THighlightsDto } from "@/lib/schemas/highlights";
import type { TReviewDto } from "@/lib/schemas/review";
import type { TVideoDto } from "@/lib/schemas/videos";
import type { Api } from "./upload-client";

export const POLL_MS = 500;

/** Polls the API as the library page does until the video is ready and its highlights are listed. */
export async function highlightsListed(api: Api, videoId: string) {
  for (;;) {
    const v = await api<TVideoDto>(`/api/videos/${videoId}`);
    if (v.status === "failed") throw new Error(`video ${videoId} failed: ${v.error}`);
    if (v.status === "ready") {
      const h = await api<THighlightsDto>(`/api/videos/${videoId}/highlights`);
      return { at: Date.now(), highlights: h.highlights.map((x) => ({ startS: x.startS, endS: x.endS })) };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Issue #25: when the review room has everything it shows, polled from its own API: highlights (the video
 * ready), thumbnails (the filmstrip), the waveform (or the word that the file has no audio) and shot cuts.
 * Null if the work ran out first (`done` resolved) without all four.
 */
export async function allVisible(api: Api, videoId: string, done: Promise<unknown>): Promise<number | null> {
  let over = false;
  void done.then(() => (over = true));
  for (;;) {
    const last = over;
    const r = await api<TReviewDto>(`/api/videos/${videoId}/review`);
    if (
      r.video.status === "ready" &&
      r.filmstripVttUrl &&
      (r.waveform || r.video.hasAudio === false) &&
      r.shots.length > 0
    )
      return Date.now();
    if (last) return null;
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
}
