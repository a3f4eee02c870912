// Presigned GET URLs are signed at the start of a time window, not at "now", so every call within the
// window yields the same URL for the same object. Polled pages then get byte-identical JSON (react-query
// keeps its data, nothing re-renders), browsers reuse cached posters and sprites instead of downloading
// them again under a new signature, and the server signs once per window instead of on every request.

/** Longest window: a URL outlives what the caller asked for by at most this much. */
export const MAX_WINDOW_S = 15 * 60;

/**
 * When to sign a URL asked for at `nowS` (epoch seconds) that must stay valid for `expiresInS`: at the
 * start of the current window (a quarter of the lifetime, at most MAX_WINDOW_S), for the lifetime plus
 * one window, so it is valid for at least `expiresInS` whenever in the window it is handed out.
 */
export function signingWindow(
  nowS: number,
  expiresInS: number,
): { signedAtS: number; expiresInS: number; windowS: number } {
  const windowS = Math.max(1, Math.min(MAX_WINDOW_S, Math.floor(expiresInS / 4)));
  const signedAtS = Math.floor(nowS / windowS) * windowS;
  return { signedAtS, expiresInS: expiresInS + windowS, windowS };
}
