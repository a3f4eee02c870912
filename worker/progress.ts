import { db } from "@/lib/db";
import { videoLifecycle } from "@/lib/videos/lifecycle";

// ETA from elapsed time and fraction done; pure so it can be tested.
export function etaSeconds(startedAtMs: number, nowMs: number, fraction: number): number | null {
  if (fraction <= 0.02 || fraction >= 1) return null;
  const elapsed = (nowMs - startedAtMs) / 1000;
  return Math.max(0, Math.round((elapsed / fraction) * (1 - fraction)));
}

/** Lets through the first call, then at most one call per interval (the last state always wins at the end). */
export function throttle(intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity;
  return (force = false): boolean => {
    const t = now();
    if (!force && t - last < intervalMs) return false;
    last = t;
    return true;
  };
}

/**
 * Chunks of one analysis run in parallel on many workers: each adds its own share of progress
 * atomically, and the video shows the total.
 */
export async function addAnalysisProgress(analysisId: string, delta: number): Promise<void> {
  if (delta <= 0) return;
  const rows = await db().$queryRaw<{ progress: number; videoId: string; createdAt: Date }[]>`
    UPDATE "Analysis" SET progress = LEAST(1, progress + ${delta}) WHERE id = ${analysisId}::uuid
    RETURNING progress, "videoId", "createdAt"`;
  const row = rows[0];
  if (!row) return;
  await videoLifecycle.progress(
    row.videoId,
    "analyzing",
    row.progress,
    etaSeconds(row.createdAt.getTime(), Date.now(), row.progress),
  );
}
