// Summaries the metrics compute at scrape time from what BullMQ and the database keep.

/** Nearest-rank quantile of unsorted values; undefined for none. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be within 0…1, got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

export const QUANTILES = [0.5, 0.95, 1] as const;

/** `{ quantile → value }` for the quantiles that exist (none for no values). */
export function quantiles(values: readonly number[]): { q: number; value: number }[] {
  return QUANTILES.flatMap((q) => {
    const value = quantile(values, q);
    return value === undefined ? [] : [{ q, value }];
  });
}

/** Realtime factor of one analysis: seconds of video per second of wall time (created → completed). */
export function realtimeFactor(
  durationS: number | null,
  createdAt: Date,
  completedAt: Date | null,
): number | null {
  if (!durationS || !completedAt) return null;
  const wall = (completedAt.getTime() - createdAt.getTime()) / 1000;
  return wall > 0 ? durationS / wall : null;
}
