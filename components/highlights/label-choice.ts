// The downloads panel's label choice (issue #14): which label a reel holds, and a download of one label.

/** "Reel — goal only" / "Reel — all labels": the stored reel's label, as the panel and menu say it. */
export const reelOfLabel = (label: string | null) =>
  label === null ? "Reel — all labels" : `Reel — ${label} only`;

/** A download URL narrowed to one label (`?label=` / `&label=`); null leaves it as it is (every label). */
export function downloadHref(url: string, label: string | null): string {
  if (label === null) return url;
  return `${url}${url.includes("?") ? "&" : "?"}label=${encodeURIComponent(label)}`;
}
