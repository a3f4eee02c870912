import { db } from "@/lib/platform/db";
import { liveLifecycle } from "@/lib/live/lifecycle";
import { warmUpScoring } from "../live/score";
import { runTick } from "../live/tick";
import { settleAllAndFinalize } from "../live/tick-end";
import { job } from "./types";

/**
 * Follows a live HLS source, one tick per job: load the playlist, store and score the new segments,
 * queue the next tick (delayed) under a deterministic id `${sourceId}:poll:${tick}`.
 *
 * Why a chain of short jobs rather than one long job holding a lock: a tick lasts at most about a
 * minute, so a worker shutting down (which lets active jobs finish) is never held up by a stream that
 * lasts hours, any worker can take the next tick, and the state a restarted worker needs is in
 * Postgres (last sequence, frame index, feature tail) and the pending delayed job in Redis. A crash
 * mid-tick leaves a stalled job that BullMQ hands out again; it resumes from the stored state, and the
 * per-segment guard in worker/live/store.ts keeps a segment from being stored twice.
 */
export const livePollJob = job("live-poll", {
  options: { concurrency: 2, timeoutMs: 5 * 60_000 },

  async handle({ liveSourceId, tick }, ctx) {
    return runTick(liveSourceId, tick, ctx);
  },

  // A source's first segment is usually listed before it is added: it should not also wait for the model.
  warmUp: warmUpScoring,

  // Retries used up (database or S3 down for a while): the chain stops, so say so and keep the recording.
  async onFailed({ liveSourceId }, message, ctx) {
    const src = await db().liveSource.findUnique({ where: { id: liveSourceId } });
    if (!src || src.status === "ended" || src.status === "stopped" || src.status === "failed") return;
    await liveLifecycle.failed(liveSourceId, `following stopped: ${message}`);
    await settleAllAndFinalize(liveSourceId, ctx.commit);
  },
});
