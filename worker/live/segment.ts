// One segment of a live tick: fetch it (with its init section), record it to S3 and score it, or turn
// it into a gap. Returns what worker/live/store.ts stores and the cursor after it.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/platform/env";
import type { LiveSource } from "@/lib/generated/prisma/client";
import type { LoadedModel } from "@/lib/model";
import { keys, putObject } from "@/lib/platform/storage";
import { FfmpegError } from "../ffmpeg/frames";
import { humanFfmpegError } from "../ffmpeg/media";
import { fetchBytes, FetchError, withRetries } from "./http";
import type { MediaSegment } from "./playlist";
import { scoreSegment, toSegmentScores } from "./score";
import type { Cursor } from "./store";
import { timed } from "./timings";

export async function processSegment(o: {
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
  const key = keys.liveSegment(o.src.id, cur.epoch, seg.seq, ext);
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
