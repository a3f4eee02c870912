// One tick of following a live source, as four steps: load the playlist → take the model snapshot →
// hold for a due segment → process every new segment (recorded + scored, or a gap, highlights settled);
// then decide the state and when to look again (worker/live/tick-end.ts).
import { rm } from "node:fs/promises";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import type { LiveSource } from "@/lib/generated/prisma/client";
import { childLogger } from "@/lib/platform/logger";
import { planTick } from "./follow";
import { FetchError, sleep } from "./http";
import { PlaylistError, type MediaPlaylist, type MediaSegment } from "./playlist";
import { holdUntilMs } from "./schedule";
import { processSegment } from "./segment";
import { cursorOf, settleHighlights, storeSegment, SupersededError, type Cursor } from "./store";
import { decideNext, fail, finish, playlistUnreachable } from "./tick-end";
import type { Log, Seen, TickCtx, TickOutcome } from "./tick-end";
import { loadMediaPlaylist, reloadMediaPlaylist } from "./tick-load";
import { liveModel, type LiveModel } from "./model";
import { emitSegmentTimings } from "./timings";
import { jobTempDir } from "../temp";

export type { TickOutcome } from "./tick-end";

// A tick that has a backlog (worker restarted after a while) hands over after this long, so a stop
// request or a shutdown never waits on a long catch-up.
const TICK_BUDGET_MS = 60_000;
// How long one tick may keep reloading the playlist for a due segment before the job chain takes over
// (other sources share the worker's live-poll slots).
const HOLD_MS = 3_000;

export async function runTick(sourceId: string, tick: number, ctx: TickCtx): Promise<TickOutcome> {
  const { signal, commit } = ctx;
  const src = await db().liveSource.findUnique({ where: { id: sourceId } });
  if (!src) return { kind: "gone" };
  if (src.tick > tick) return { kind: "stale" };
  if (src.status === "ended" || src.status === "stopped" || src.status === "failed")
    return { kind: "finished" };
  const log = childLogger({ liveSourceId: sourceId, tick });
  if (src.stopRequested) {
    await finish(src, "stopped", null, commit);
    return { kind: "finished" };
  }

  const pollStart = Date.now();
  let loaded: { pl: MediaPlaylist; url: string };
  try {
    loaded = await loadMediaPlaylist(src, signal);
  } catch (err) {
    if (err instanceof PlaylistError) {
      await fail(src, err.message, commit);
      return { kind: "finished" };
    }
    if (!(err instanceof FetchError)) throw err;
    return playlistUnreachable(src, tick, err, commit);
  }
  const snap = await snapshotOf(src, commit);
  if (!snap) return { kind: "finished" };
  const seen = await holdForNews(src, loaded, pollStart, signal);
  const done = await processNews(src, snap, seen, pollStart, log, { signal, commit });
  if (done === "superseded") return { kind: "superseded" };
  return decideNext(src, tick, seen, done, log, commit);
}

/** The serving model and the source's parameters; null (the source failed) when it cannot be loaded. */
async function snapshotOf(src: LiveSource, commit: TickCtx["commit"]): Promise<LiveModel | null> {
  try {
    return await liveModel(src);
  } catch (err) {
    await fail(src, `model unavailable: ${(err as Error).message.split("\n")[0]}`, commit);
    return null;
  }
}

/**
 * Asked again before each segment (an activation takes effect at the next one to be scored). If
 * the serving model cannot be loaded now, the segment is scored with the one that was: the next tick's
 * snapshot fails the source if that lasts.
 */
async function nextModel(src: LiveSource, prev: LiveModel, log: Log): Promise<LiveModel> {
  try {
    return await liveModel(src);
  } catch (err) {
    log.warn(
      { err, versionId: prev.versionId },
      "serving model unavailable: this segment keeps the last one",
    );
    return prev;
  }
}

/** The next segment is due: reload here every fastMs rather than through a delayed job per reload. */
async function holdForNews(
  src: LiveSource,
  loaded: { pl: MediaPlaylist; url: string },
  pollStart: number,
  signal: AbortSignal,
): Promise<Seen> {
  const cur = cursorOf(src);
  const planOf = (p: MediaPlaylist) =>
    planTick({ epoch: cur.epoch, lastSeq: cur.lastSeq, lastUri: cur.lastUri }, p);
  const seen: Seen = {
    pl: loaded.pl,
    plan: planOf(loaded.pl),
    loadStart: pollStart,
    seenAt: new Date(),
    missStart: null,
  };
  const hasNews = () =>
    seen.plan.fetch.length > 0 || seen.plan.missed.length > 0 || seen.plan.reset || seen.plan.ended;
  if (hasNews()) return seen;
  const until = holdUntilMs({
    nowMs: Date.now(),
    lastNewMs: src.lastNewAt?.getTime() ?? null,
    lastDurationS: seen.pl.segments[seen.pl.segments.length - 1]?.durationS ?? seen.pl.targetDurationS,
    targetDurationS: seen.pl.targetDurationS,
    holdMs: HOLD_MS,
  });
  const fastMs = env().LIVE_POLL_FAST_MS;
  while (!hasNews() && Date.now() + fastMs <= until) {
    await sleep(fastMs, signal);
    const start = Date.now();
    let next: MediaPlaylist;
    try {
      next = await reloadMediaPlaylist(loaded.url, signal);
    } catch (err) {
      // A failing reload ends the hold; the next tick's full load reports it.
      if (err instanceof FetchError || err instanceof PlaylistError) break;
      throw err;
    }
    seen.missStart = seen.loadStart;
    seen.loadStart = start;
    seen.seenAt = new Date();
    seen.pl = next;
    seen.plan = planOf(next);
  }
  return seen;
}

/** Stores every new segment in order; `complete` is false when the tick's budget ran out first. */
async function processNews(
  src: LiveSource,
  snap: LiveModel,
  { pl, plan, loadStart, seenAt }: Seen,
  pollStart: number,
  log: Log,
  { signal, commit }: TickCtx,
): Promise<{ stored: number; complete: boolean } | "superseded"> {
  let cur = cursorOf(src);
  let stored = 0;
  let complete = true;
  const dir = await jobTempDir("live");
  try {
    if (plan.reset) {
      log.warn({ lastSeq: cur.lastSeq, mediaSequence: pl.mediaSequence }, "playlist reset: new epoch");
      // New content from a restarted encoder: no window may join it to what came before.
      cur = { ...cur, epoch: cur.epoch + 1, lastSeq: null, lastUri: null, tail: null, tailFrames: 0 };
    }
    // The guard of the first store is the state this tick read; each later one, the previous store's.
    let from: Cursor = cursorOf(src);
    const missed = plan.missed.map((x) => ({
      seq: x.seq,
      uri: "",
      durationS: x.durationS,
      discontinuity: false,
    }));
    const work: { seg: MediaSegment; missed: boolean }[] = [
      ...missed.map((seg) => ({ seg, missed: true })),
      ...plan.fetch.map((seg) => ({ seg, missed: false })),
    ];
    let first = plan.reset;
    const initCache = new Map<string, Uint8Array>();
    let serving = snap;
    for (const { seg, missed: wasMissed } of work) {
      if (Date.now() - pollStart > TICK_BUDGET_MS) {
        complete = false;
        break;
      }
      signal.throwIfAborted();
      // Asked right before each segment: the snapshot may be from before the hold for it.
      serving = await nextModel(src, serving, log);
      const next = await processSegment({
        src,
        cur,
        seg,
        wasMissed,
        model: serving.model,
        dir,
        initCache,
        signal,
        resetMark: first,
      });
      first = false;
      const storeStart = performance.now();
      try {
        const versionId = next.status === "recorded" ? serving.versionId : null;
        await storeSegment(src.id, from, { ...next, seenAt, versionId });
      } catch (err) {
        if (err instanceof SupersededError) return "superseded";
        throw err;
      }
      if ("stages" in next && next.stages) {
        const t = {
          liveSourceId: src.id,
          seq: seg.seq,
          loadStartMs: loadStart,
          listedMs: seenAt.getTime(),
          ...next.stages,
          storeMs: performance.now() - storeStart,
        };
        log.debug(t, "live segment timings");
        emitSegmentTimings(t);
      }
      cur = next.next;
      from = cur;
      stored++;
      // Right after each segment, so a highlight settles within seconds of its end being seen.
      const { grid, segments: params } = serving.params;
      await settleHighlights(src, grid, params, cur.nextFrame / grid.rate, false, commit);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { stored, complete };
}
