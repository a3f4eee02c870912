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
 * Chunks of one analysis run in parallel on many workers. Each writes its own fraction done under its
 * index, and the analysis shows their sum × `share`: a chunk retried after its worker died starts its
 * entry again from 0 (`restart`) instead of adding to what the dead attempt reported, so progress never
 * over-counts (issue #16). A stopped analysis (deleted video, re-analysis) reports nothing more.
 * Otherwise an entry only grows, so a late, fire-and-forget update cannot undo the chunk's final 1. One
 * statement, so concurrent chunks cannot lose each other's entries.
 */
export async function setChunkProgress(
  analysisId: string,
  index: number,
  fraction: number,
  share: number,
  restart = false,
): Promise<void> {
  const f = Math.min(1, Math.max(0, fraction));
  const key = String(index);
  const rows = await db().$queryRaw<{ progress: number; videoId: string; createdAt: Date }[]>`
    WITH cur AS (
      SELECT id, COALESCE("chunkProgress", '{}'::jsonb) AS map FROM "Analysis" WHERE id = ${analysisId}::uuid AND status = 'running' FOR UPDATE
    ), nxt AS (
      SELECT id, map || jsonb_build_object(${key}::text,
        CASE WHEN ${restart} THEN ${f}::float8 ELSE GREATEST(COALESCE((map->>${key})::float8, 0), ${f}::float8) END
      ) AS map FROM cur
    )
    UPDATE "Analysis" a SET "chunkProgress" = nxt.map,
      progress = LEAST(1, ${share}::float8 * (SELECT COALESCE(SUM(value::float8), 0) FROM jsonb_each_text(nxt.map)))
    FROM nxt WHERE a.id = nxt.id
    RETURNING a.progress, a."videoId", a."createdAt"`;
  const row = rows[0];
  if (!row) return;
  await videoLifecycle.progress(
    row.videoId,
    "analyzing",
    row.progress,
    etaSeconds(row.createdAt.getTime(), Date.now(), row.progress),
  );
}
