/** 3725.4 → "1:02:05"; under an hour still shows hours ("0:04:09") so a column of durations lines up. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return "–";
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Short human ETA: "45 s", "3 min", "1 h 20 min". */
export function formatEta(seconds: number | null | undefined): string | null {
  if (seconds == null || !Number.isFinite(seconds)) return null;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

export function formatSpeed(bytesPerSecond: number | null | undefined): string | null {
  if (bytesPerSecond == null) return null;
  return `${(bytesPerSecond / 1_000_000).toFixed(1)} MB/s`;
}

export const percent = (fraction: number) => Math.max(0, Math.min(100, Math.floor(fraction * 100)));

export function formatResolution(width: number | null, height: number | null): string {
  return width && height ? `${width}×${height}` : "–";
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
