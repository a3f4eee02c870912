import { db } from "@/lib/platform/db";
import { advance, markOf, type ProgressMark } from "@/lib/status/progress";
import { videoLifecycle } from "@/lib/videos/lifecycle";

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
 * index, and the analysis shows their sum × `share`. An entry only grows: a chunk retried after its
 * worker died or lost its lock starts again below what the dead attempt reported, and the shown
 * progress holds there until the retry passes it (it went from 26 % back to 0 %; issue #24), while a
 * max per index never counts the dead attempt's share twice (issue #16). `started`: the chunk's worker
 * just began it (the video's rate clock starts there, not when the chunk was queued). A stopped
 * analysis (deleted video, re-analysis) reports nothing more. One statement, so concurrent chunks
 * cannot lose each other's entries.
 */
export async function setChunkProgress(
  analysisId: string,
  index: number,
  fraction: number,
  share: number,
  started = false,
): Promise<void> {
  const f = Math.min(1, Math.max(0, fraction));
  const key = String(index);
  const rows = await db().$queryRaw<{ progress: number; videoId: string }[]>`
    WITH cur AS (
      SELECT id, COALESCE("chunkProgress", '{}'::jsonb) AS map FROM "Analysis" WHERE id = ${analysisId}::uuid AND status = 'running' FOR UPDATE
    ), nxt AS (
      SELECT id, map || jsonb_build_object(${key}::text,
        GREATEST(COALESCE((map->>${key})::float8, 0), ${f}::float8)
      ) AS map FROM cur
    )
    UPDATE "Analysis" a SET "chunkProgress" = nxt.map,
      progress = LEAST(1, ${share}::float8 * (SELECT COALESCE(SUM(value::float8), 0) FROM jsonb_each_text(nxt.map)))
    FROM nxt WHERE a.id = nxt.id
    RETURNING a.progress, a."videoId"`;
  const row = rows[0];
  if (!row) return;
  await videoLifecycle.progress(row.videoId, "analyzing", row.progress, started);
}

export type StagedMark = ProgressMark & { stage: string | null };

/**
 * A job's progress as the runtime writes it onto the BullMQ job (the API reads it for "time left" and
 * "stalled"): monotonic within a stage, also across attempts (`initial` is what the job holds from an
 * earlier one), with the rate measured from when this attempt started.
 */
export function progressTracker(initial: unknown, now: () => number = Date.now) {
  let stage =
    typeof (initial as { stage?: unknown } | null)?.stage === "string"
      ? (initial as { stage: string }).stage
      : null;
  let mark = markOf(initial);
  return {
    /** The mark at the attempt's start: the clock starts now, the fraction shown stays. */
    start(): StagedMark {
      mark = advance(mark, 0, now(), true);
      return { stage, ...mark };
    },
    report(next: string, fraction: number): StagedMark {
      if (next !== stage) [stage, mark] = [next, null];
      mark = advance(mark, fraction, now());
      return { stage, ...mark };
    },
  };
}
