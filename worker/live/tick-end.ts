// How a live tick ends: the next tick queued (delayed), or the source finished (ended, stopped,
// failed) and its recording handed to live-finalize.
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import type { LiveSource, Prisma } from "@/lib/generated/prisma/client";
import { childLogger } from "@/lib/platform/logger";
import { ZLiveParams } from "@/lib/schemas/live";
import { liveLifecycle, type LiveFollowStatus } from "@/lib/live/lifecycle";
import { followStatus, type TickPlan } from "./follow";
import type { MediaPlaylist } from "./playlist";
import { nextPollDelayMs } from "./schedule";
import { FetchError, redactUrl } from "./http";
import type { Commit } from "../jobs/types";
import { settleHighlights } from "./store";

/** A tick's ctx.commit: what follows (the next tick, a clip, the recording's finaliser) is staged in it. */
export type LiveCommit = Commit<"live-poll">;

export type Log = ReturnType<typeof childLogger>;

/** The playlist this tick acts on and when it was seen. */
export interface Seen {
  pl: MediaPlaylist;
  plan: TickPlan;
  /** The load that listed what this tick stores started at loadStart and returned at seenAt. */
  loadStart: number;
  seenAt: Date;
  /** The load before it (in this tick), which found nothing new. */
  missStart: number | null;
}

/** What a tick takes from its job's context. */
export interface TickCtx {
  signal: AbortSignal;
  commit: LiveCommit;
}

// Before the first successful load, this many failed loads in a row mean the URL is bad.
const START_TRIES = 3;

export type TickOutcome =
  { kind: "gone" | "stale" | "superseded" | "finished" } | { kind: "next"; delayMs: number; stored: number };

export async function playlistUnreachable(
  src: LiveSource,
  tick: number,
  err: FetchError,
  commit: LiveCommit,
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
      commit,
    );
    return { kind: "finished" };
  }
  if (src.status === "starting" && errors >= START_TRIES) {
    await fail(src, message, commit);
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
    await finish(src, "ended", `${message}; gave up after ${env().LIVE_GIVE_UP_S} s`, commit);
    return { kind: "finished" };
  }
  const delayMs = src.status === "starting" ? 2_000 : Math.max(env().LIVE_POLL_FAST_MS, (td * 1000) / 2);
  await reschedule(commit, src.id, tick, delayMs, { status: state, error: message, playlistErrors: errors });
  return { kind: "next", delayMs, stored: 0 };
}

/**
 * The next tick is staged in the transaction that bumps this one's tick number, so both happen or
 * neither: a retried tick finds the same number and stages the same (deterministic) job id again.
 */
export async function reschedule(
  commit: LiveCommit,
  id: string,
  tick: number,
  delayMs: number,
  {
    status,
    ...data
  }: Omit<Prisma.LiveSourceUpdateManyMutationInput, "status"> & { status: LiveFollowStatus },
) {
  await commit(async (tx) => {
    await liveLifecycle.rescheduled(id, tick, status, data, tx);
    return { next: [{ job: "live-poll", data: { liveSourceId: id, tick: tick + 1 }, delayMs }] };
  });
}

export async function finish(
  src: LiveSource,
  status: "ended" | "stopped",
  note: string | null,
  commit: LiveCommit,
): Promise<void> {
  await liveLifecycle.finished(src.id, status, note);
  await settleAllAndFinalize(src.id, commit);
}

export async function fail(src: LiveSource, message: string, commit: LiveCommit): Promise<void> {
  childLogger({ liveSourceId: src.id }).warn({ message }, "live source failed");
  await liveLifecycle.failed(src.id, message);
  await settleAllAndFinalize(src.id, commit);
}

/** Stream over: every remaining highlight is final; whatever was recorded becomes a Video. */
export async function settleAllAndFinalize(sourceId: string, commit: LiveCommit): Promise<void> {
  const src = await db().liveSource.findUnique({ where: { id: sourceId } });
  if (!src) return;
  if (src.params) {
    try {
      const { grid, segments } = ZLiveParams.parse(src.params);
      await settleHighlights(src, grid, segments, src.nextFrame / grid.rate, true, commit);
    } catch (err) {
      childLogger({ liveSourceId: sourceId }).warn({ err }, "could not settle the last highlights");
    }
  }
  const recorded = await db().liveSegment.count({ where: { liveSourceId: sourceId, status: "recorded" } });
  if (recorded > 0)
    await commit(async () => ({ next: [{ job: "live-finalize", data: { liveSourceId: sourceId } }] }));
  else
    await db().liveSource.update({
      where: { id: sourceId },
      data: { recordingError: "nothing was recorded" },
    });
}

/** Ended, gave up, or the next tick queued with the delay the schedule asks for. */
export async function decideNext(
  src: LiveSource,
  tick: number,
  { pl, plan, loadStart, missStart }: Seen,
  { stored, complete }: { stored: number; complete: boolean },
  log: Log,
  commit: LiveCommit,
): Promise<TickOutcome> {
  const gotNew = stored > 0;
  if (plan.ended && complete) {
    await finish(src, "ended", null, commit);
    return { kind: "finished" };
  }
  const now = Date.now();
  const lastNewMs = gotNew ? loadStart : (src.lastNewAt ?? src.createdAt).getTime();
  const state = followStatus({
    gotNew,
    nowMs: now,
    lastNewAtMs: lastNewMs,
    targetDurationS: pl.targetDurationS,
    stallFactor: env().LIVE_STALL_FACTOR,
    giveUpS: env().LIVE_GIVE_UP_S,
  });
  if (state === "gave-up") {
    await finish(src, "ended", `no new segment for ${env().LIVE_GIVE_UP_S} s: stopped following`, commit);
    return { kind: "finished" };
  }
  const lastMissMs =
    missStart ??
    (src.lastMissAt && src.lastNewAt && src.lastMissAt > src.lastNewAt ? src.lastMissAt.getTime() : null);
  // A stop requested while this tick ran found no delayed job to promote (lib/live/service.ts): act now.
  const stopping = await db().liveSource.findUnique({
    where: { id: src.id },
    select: { stopRequested: true },
  });
  const delayMs =
    complete && !stopping?.stopRequested
      ? nextPollDelayMs({
          nowMs: now,
          pollStartMs: loadStart,
          gotNew,
          targetDurationS: pl.targetDurationS,
          lastDurationS: pl.segments[pl.segments.length - 1]?.durationS ?? pl.targetDurationS,
          lastMissMs,
          lastNewMs,
          fastMs: env().LIVE_POLL_FAST_MS,
        })
      : 0;
  await reschedule(commit, src.id, tick, delayMs, {
    status: state,
    error:
      state === "stalled"
        ? `no new segment for ${Math.round((now - lastNewMs) / 1000)} s (still polling)`
        : null,
    targetDurationS: pl.targetDurationS,
    playlistErrors: 0,
    ...(gotNew ? { lastNewAt: new Date(loadStart) } : { lastMissAt: new Date(loadStart) }),
  });
  if (gotNew) log.info({ stored, status: state, nextInMs: delayMs }, "live segments stored");
  return { kind: "next", delayMs, stored };
}
