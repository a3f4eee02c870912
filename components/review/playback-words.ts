import type { TReviewDto } from "@/lib/schemas/review";

/**
 * Issue #25: what the player plays and why, in the room's header: "plays the original",
 * "proxy: AVI container, 3 of 12 pieces", "proxy: keyframes 10 s apart, ready", "remux: the MP4 index
 * (moov) is at the end, ready". Pure.
 */
export function playbackWords(data: Pick<TReviewDto, "media" | "playback" | "proxyError">): string {
  const p = data.playback;
  if (!p) {
    // a video probed before the decision was recorded: its whole-file proxy, or the source
    if (data.media.kind === "proxy") return "proxy";
    return data.proxyError ? "source (no proxy)" : "source (proxy coming)";
  }
  if (p.mode === "source") return p.reason;
  if (data.proxyError) return `${p.reason}, failed: plays the source`;
  if (p.pieces !== null && p.piecesDone >= p.pieces) return `${p.reason}, ready`;
  if (p.mode === "remux") return `${p.reason}, copying the streams (plays the source meanwhile)`;
  return `${p.reason}, ${p.piecesDone} of ${p.pieces ?? "?"} pieces`;
}

/** Nothing more will come for the player: it plays the source, the whole proxy, or the proxy failed. */
export function mediaSettled(r: Pick<TReviewDto, "media" | "playback" | "proxyError">): boolean {
  if (r.proxyError) return true;
  const p = r.playback;
  if (!p) return r.media.kind === "proxy";
  return p.mode === "source" || (p.pieces !== null && p.piecesDone >= p.pieces && r.media.kind === "proxy");
}
