// One tick of following a live source: load the playlist, store every new segment (recorded + scored,
// or a gap), settle highlights, decide the state and when to look again.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "../../lib/db";
import { env } from "../../lib/env";
import type { LiveSource, Prisma } from "../../lib/generated/prisma/client";
import { ZLiveParams, type TLiveParams } from "../../lib/schemas/live";
import { liveKeys } from "../../lib/live/keys";
import { childLogger } from "../../lib/logger";
import type { LoadedModel } from "../../lib/model";
import { enqueueNext } from "../../lib/pipeline/enqueue";
import { putObject } from "../../lib/storage";
import { modelFor } from "../analysis/models";
import { FfmpegError } from "../ffmpeg/frames";
import { humanFfmpegError } from "../ffmpeg/media";
import { followStatus, planTick } from "./follow";
import { fetchBytes, fetchText, FetchError, redactUrl, sleep, withRetries } from "./http";
import { parsePlaylist, pickVariant, PlaylistError, type MediaPlaylist, type MediaSegment } from "./playlist";
import { holdUntilMs, nextPollDelayMs } from "./schedule";
import { scoreSegment, toSegmentScores } from "./score";
import { cursorOf, settleHighlights, storeSegment, SupersededError, type Cursor } from "./store";
import { emitSegmentTimings, timed } from "./timings";

// A tick that has a backlog (worker restarted after a while) hands over after this long, so a stop
// request or a shutdown never waits on a long catch-up.
const TICK_BUDGET_MS = 60_000;
// How long one tick may keep reloading the playlist for a due segment before the job chain takes over
// (other sources share the worker's live-poll slots).
const HOLD_MS = 3_000;
// Before the first successful load, this many failed loads in a row mean the URL is bad.
const START_TRIES = 3;

export type TickOutcome =
  { kind: "gone" | "stale" | "superseded" | "finished" } | { kind: "next"; delayMs: number; stored: number };

export async function runTick(sourceId: string, tick: number, signal: AbortSignal): Promise<TickOutcome> {
  const src = await db().liveSource.findUnique({ where: { id: sourceId } });
  if (!src) return { kind: "gone" };
  if (src.tick > tick) return { kind: "stale" };
  if (src.status === "ended" || src.status === "stopped" || src.status === "failed")
    return { kind: "finished" };
  const log = childLogger({ liveSourceId: sourceId, tick });
  if (src.stopRequested) {
    await finish(src, "stopped", null);
    return { kind: "finished" };
  }

  const pollStart = Date.now();
  let pl: MediaPlaylist;
  let playlistUrl: string;
  try {
    ({ pl, url: playlistUrl } = await loadMediaPlaylist(src, signal));
  } catch (err) {
    if (err instanceof PlaylistError) {
      await fail(src, err.message);
      return { kind: "finished" };
    }
    if (!(err instanceof FetchError)) throw err;
    return playlistUnreachable(src, tick, err);
  }

  let model: LoadedModel;
  try {
    model = await modelFor(src.modelId ?? undefined);
  } catch (err) {
    await fail(src, `model unavailable: ${(err as Error).message.split("\n")[0]}`);
    return { kind: "finished" };
  }
  const m = model.manifest;
  let snapshot: TLiveParams;
  if (src.params && src.modelId) snapshot = ZLiveParams.parse(src.params);
  else {
    snapshot = {
      grid: {
        labels: model.labels,
        rate: m.sampleRate,
        windowFrames: m.window.frames,
        strideFrames: m.window.stride,
      },
      segments: m.segmentDefaults,
    };
    await db().liveSource.update({ where: { id: src.id }, data: { modelId: m.id, params: snapshot } });
  }
  const { grid, segments: params } = snapshot;

  let cur = cursorOf(src);
  const planOf = (p: MediaPlaylist) =>
    planTick({ epoch: cur.epoch, lastSeq: cur.lastSeq, lastUri: cur.lastUri }, p);
  let plan = planOf(pl);
  // The load that listed what this tick stores started at loadStart and returned at seenAt; the one
  // before it (in this tick) found nothing new.
  let loadStart = pollStart;
  let seenAt = new Date();
  let missStart: number | null = null;
  const hasNews = () => plan.fetch.length > 0 || plan.missed.length > 0 || plan.reset || plan.ended;
  if (!hasNews()) {
    // The next segment is due: reload here every fastMs rather than through a delayed job per reload.
    const until = holdUntilMs({
      nowMs: Date.now(),
      lastNewMs: src.lastNewAt?.getTime() ?? null,
      lastDurationS: pl.segments[pl.segments.length - 1]?.durationS ?? pl.targetDurationS,
      targetDurationS: pl.targetDurationS,
      holdMs: HOLD_MS,
    });
    const fastMs = env().LIVE_POLL_FAST_MS;
    while (!hasNews() && Date.now() + fastMs <= until) {
      await sleep(fastMs, signal);
      const start = Date.now();
      let next: MediaPlaylist;
      try {
        next = await reloadMediaPlaylist(playlistUrl, signal);
      } catch (err) {
        // A failing reload ends the hold; the next tick's full load reports it.
        if (err instanceof FetchError || err instanceof PlaylistError) break;
        throw err;
      }
      missStart = loadStart;
      loadStart = start;
      seenAt = new Date();
      pl = next;
      plan = planOf(pl);
    }
  }
  let stored = 0;
  let complete = true;
  const dir = await mkdtemp(path.join(tmpdir(), "matchcut-live-"));
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
    for (const { seg, missed: wasMissed } of work) {
      if (Date.now() - pollStart > TICK_BUDGET_MS) {
        complete = false;
        break;
      }
      signal.throwIfAborted();
      const next = await processSegment({
        src,
        cur,
        seg,
        wasMissed,
        model,
        dir,
        initCache,
        signal,
        resetMark: first,
      });
      first = false;
      const storeStart = performance.now();
      try {
        await storeSegment(src.id, from, { ...next, seenAt });
      } catch (err) {
        if (err instanceof SupersededError) return { kind: "superseded" };
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
      await settleHighlights(src, grid, params, cur.nextFrame / grid.rate, false);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const gotNew = stored > 0;
  if (plan.ended && complete) {
    await finish(src, "ended", null);
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
    await finish(src, "ended", `no new segment for ${env().LIVE_GIVE_UP_S} s: stopped following`);
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
  await reschedule(src.id, tick, delayMs, {
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

async function reloadMediaPlaylist(playlistUrl: string, signal: AbortSignal): Promise<MediaPlaylist> {
  const { text, url } = await fetchText(playlistUrl, { signal, timeoutMs: 10_000 });
  const pl = parsePlaylist(text, url);
  if (pl.kind !== "media") throw new PlaylistError("the followed variant turned into a master playlist");
  return pl;
}

async function loadMediaPlaylist(
  src: LiveSource,
  signal: AbortSignal,
): Promise<{ pl: MediaPlaylist; url: string }> {
  const opts = { signal, timeoutMs: 10_000 };
  if (src.playlistUrl)
    return { pl: await reloadMediaPlaylist(src.playlistUrl, signal), url: src.playlistUrl };
  const { text, url } = await fetchText(src.url, opts);
  const top = parsePlaylist(text, url);
  let pl = top;
  let variant: string | null = null;
  let playlistUrl = url;
  if (top.kind === "master") {
    const v = pickVariant(top.variants, env().LIVE_MAX_HEIGHT);
    const res = await fetchText(v.uri, opts);
    pl = parsePlaylist(res.text, res.url);
    if (pl.kind !== "media") throw new PlaylistError("the chosen variant is itself a master playlist");
    playlistUrl = res.url;
    variant = [
      v.width && v.height ? `${v.width}×${v.height}` : null,
      `${Math.round(v.bandwidth / 1000)} kb/s`,
    ]
      .filter(Boolean)
      .join(", ");
  }
  await db().liveSource.update({
    where: { id: src.id },
    data: { playlistUrl, variant, status: "following", error: null },
  });
  return { pl: pl as MediaPlaylist, url: playlistUrl };
}

async function processSegment(o: {
  src: LiveSource;
  cur: Cursor;
  seg: MediaSegment;
  wasMissed: boolean;
  model: LoadedModel;
  dir: string;
  initCache: Map<string, Uint8Array>;
  signal: AbortSignal;
  resetMark: boolean;
}) {
  const { cur, seg, model } = o;
  const rate = model.manifest.sampleRate;
  // Slots from cumulative stream time, so rounding never drifts the grid over a long match.
  const slots = Math.round((cur.streamTimeS + seg.durationS) * rate) - cur.nextFrame;
  const gap = (error: string) => ({
    seq: seg.seq,
    uri: seg.uri,
    status: "gap" as const,
    durationS: seg.durationS,
    discontinuity: seg.discontinuity || o.resetMark,
    slots,
    key: null,
    error,
    scores: null,
    // a window must not join footage from both sides of a hole
    next: { ...advance(cur, seg, slots), tail: null, tailFrames: 0 },
  });
  if (o.wasMissed) return gap("left the playlist before it could be fetched");

  const t0 = performance.now();
  let bytes: Uint8Array;
  try {
    const retry = { tries: env().LIVE_SEGMENT_TRIES, baseMs: 250, signal: o.signal };
    bytes = (await withRetries(() => fetchBytes(seg.uri, { signal: o.signal }), retry)).value;
    if (seg.mapUri) {
      let init = o.initCache.get(seg.mapUri);
      if (!init) {
        init = (await withRetries(() => fetchBytes(seg.mapUri!, { signal: o.signal }), retry)).value;
        o.initCache.set(seg.mapUri, init);
      }
      bytes = concatBytes(init, bytes);
    }
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    return gap(`could not be fetched (${err.reason}, ${env().LIVE_SEGMENT_TRIES} tries)`);
  }
  const fetchMs = performance.now() - t0;
  const ext = seg.mapUri ? "mp4" : (/\.([a-z0-9]{1,5})(?:[?#]|$)/i.exec(seg.uri)?.[1] ?? "ts");
  const file = path.join(o.dir, `${seg.seq}.${ext}`);
  await writeFile(file, bytes);
  const key = liveKeys.segment(o.src.id, cur.epoch, seg.seq, ext);
  // Upload and scoring in parallel: the upload is I/O, scoring is CPU.
  const [[, uploadMs], [scoring, scoreMs]] = await Promise.all([
    timed(() => putObject(key, bytes, ext === "ts" ? "video/mp2t" : "video/mp4")),
    timed(() =>
      scoreSegment({
        model,
        file,
        firstFrame: cur.nextFrame,
        slots,
        tail: cur.tail,
        tailFrames: cur.tailFrames,
        signal: o.signal,
      }).catch((err: unknown) => {
        if (err instanceof FfmpegError) return new Error(humanFfmpegError(err.stderrTail));
        if (err instanceof Error && /no frames could be decoded/.test(err.message)) return err;
        throw err;
      }),
    ),
  ]);
  const stages = { fetchMs, scoreMs, uploadMs, processMs: performance.now() - t0 };
  if (scoring instanceof Error) return { ...gap(`could not be decoded: ${scoring.message}`), key };
  return {
    seq: seg.seq,
    uri: seg.uri,
    status: "recorded" as const,
    durationS: seg.durationS,
    discontinuity: seg.discontinuity || o.resetMark,
    slots,
    key,
    error:
      scoring.decoded < slots
        ? `${slots - scoring.decoded} of ${slots} frames missing (last frame repeated)`
        : null,
    scores: toSegmentScores(scoring),
    next: { ...advance(cur, seg, slots), tail: scoring.tail, tailFrames: scoring.tailFrames },
    stages,
  };
}

function advance(cur: Cursor, seg: MediaSegment, slots: number): Cursor {
  return {
    ...cur,
    lastSeq: seg.seq,
    lastUri: seg.uri || null,
    nextFrame: cur.nextFrame + slots,
    streamTimeS: cur.streamTimeS + seg.durationS,
  };
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function playlistUnreachable(src: LiveSource, tick: number, err: FetchError): Promise<TickOutcome> {
  const errors = src.playlistErrors + 1;
  const message = `playlist unreachable: ${err.reason} (${redactUrl(src.playlistUrl ?? src.url)})`;
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
async function reschedule(
  id: string,
  tick: number,
  delayMs: number,
  data: Prisma.LiveSourceUpdateManyMutationInput,
) {
  await enqueueNext("live-poll", "live-poll", { liveSourceId: id, tick: tick + 1 }, { delayMs });
  await db().liveSource.updateMany({ where: { id, tick: { lte: tick } }, data: { ...data, tick: tick + 1 } });
}

async function finish(src: LiveSource, status: "ended" | "stopped", note: string | null): Promise<void> {
  await db().liveSource.update({ where: { id: src.id }, data: { status, error: note, endedAt: new Date() } });
  await settleAllAndFinalize(src.id);
}

async function fail(src: LiveSource, message: string): Promise<void> {
  childLogger({ liveSourceId: src.id }).warn({ message }, "live source failed");
  await db().liveSource.update({
    where: { id: src.id },
    data: { status: "failed", error: message, endedAt: new Date() },
  });
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
