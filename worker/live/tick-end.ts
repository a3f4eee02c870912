// How a live tick ends: the next tick queued (delayed), or the source finished (ended, stopped,
// failed) and its recording handed to live-finalize.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { LiveSource, Prisma } from "@/lib/generated/prisma/client";
import { childLogger } from "@/lib/logger";
import { enqueueNext } from "@/lib/pipeline/enqueue";
import { ZLiveParams } from "@/lib/schemas/live";
import { liveLifecycle, type LiveFollowStatus } from "@/lib/live/lifecycle";
import { followStatus } from "./follow";
import { FetchError, redactUrl } from "./http";
import { settleHighlights } from "./store";

// Before the first successful load, this many failed loads in a row mean the URL is bad.
const START_TRIES = 3;

export type TickOutcome =
  { kind: "gone" | "stale" | "superseded" | "finished" } | { kind: "next"; delayMs: number; stored: number };

export async function playlistUnreachable(
  src: LiveSource,
  tick: number,
  err: FetchError,
): Promise<TickOutcome> {
  const errors = src.playlistErrors + 1;
  const url = src.playlistUrl ?? src.url;
  const message = `playlist unreachable: ${err.reason} (${redactUrl(url)})`;
  // A host that does not resolve will not start to by itself: a source that was following is not
  // polled (and looked up every 2 s) until LIVE_GIVE_UP_S, but stopped after LIVE_DNS_FAILURES
  // failed loads in a row, the last with no address for the host (issue #23).
  const unresolved = /^host not found/.test(err.reason);
  const limit = src.status === "starting" ? START_TRIES : env().LIVE_DNS_FAILURES;
  if (unresolved && errors >= limit) {
    await fail(
      src,
      `the host ${new URL(url).hostname} does not resolve (no address after ${errors} tries); check the URL`,
    );
    return { kind: "finished" };
  }
  if (src.status === "starting" && errors >= START_TRIES) {
    await fail(src, message);
    return { kind: "finished" };
  }
  const td = src.targetDurationS ?? 4;
  const now = Date.now();
  const lastNewMs = (src.lastNewAt ?? src.createdAt).getTime();
  const state =
    src.status === "starting"
      ? "starting"
      : followStatus({
          gotNew: false,
          nowMs: now,
          lastNewAtMs: lastNewMs,
          targetDurationS: td,
          stallFactor: env().LIVE_STALL_FACTOR,
          giveUpS: env().LIVE_GIVE_UP_S,
        });
  if (state === "gave-up") {
    await finish(src, "ended", `${message}; gave up after ${env().LIVE_GIVE_UP_S} s`);
    return { kind: "finished" };
  }
  const delayMs = src.status === "starting" ? 2_000 : Math.max(env().LIVE_POLL_FAST_MS, (td * 1000) / 2);
  await reschedule(src.id, tick, delayMs, { status: state, error: message, playlistErrors: errors });
  return { kind: "next", delayMs, stored: 0 };
}

/**
 * The next tick is queued before this one's tick number is bumped: if the worker dies in between, the
 * retried tick finds the same number and queues the same (deterministic) job id again, a no-op.
 */
export async function reschedule(
  id: string,
  tick: number,
  delayMs: number,
  {
    status,
    ...data
  }: Omit<Prisma.LiveSourceUpdateManyMutationInput, "status"> & { status: LiveFollowStatus },
) {
  await enqueueNext("live-poll", "live-poll", { liveSourceId: id, tick: tick + 1 }, { delayMs });
  await liveLifecycle.rescheduled(id, tick, status, data);
}

export async function finish(
  src: LiveSource,
  status: "ended" | "stopped",
  note: string | null,
): Promise<void> {
  await liveLifecycle.finished(src.id, status, note);
  await settleAllAndFinalize(src.id);
}

export async function fail(src: LiveSource, message: string): Promise<void> {
  childLogger({ liveSourceId: src.id }).warn({ message }, "live source failed");
  await liveLifecycle.failed(src.id, message);
  await settleAllAndFinalize(src.id);
}

/** Stream over: every remaining highlight is final; whatever was recorded becomes a Video. */
export async function settleAllAndFinalize(sourceId: string): Promise<void> {
  const src = await db().liveSource.findUnique({ where: { id: sourceId } });
  if (!src) return;
  if (src.params) {
    try {
      const { grid, segments } = ZLiveParams.parse(src.params);
      await settleHighlights(src, grid, segments, src.nextFrame / grid.rate, true);
    } catch (err) {
      childLogger({ liveSourceId: sourceId }).warn({ err }, "could not settle the last highlights");
    }
  }
  const recorded = await db().liveSegment.count({ where: { liveSourceId: sourceId, status: "recorded" } });
  if (recorded > 0) await enqueueNext("live-poll", "live-finalize", { liveSourceId: sourceId });
  else
    await db().liveSource.update({
      where: { id: sourceId },
      data: { recordingError: "nothing was recorded" },
    });
}
