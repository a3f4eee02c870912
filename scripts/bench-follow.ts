// What the benchmarks share: following an upload through the API as the library page does.
import type { THighlightsDto } from "@/lib/schemas/highlights";
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
