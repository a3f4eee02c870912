// Database side of following: each segment (recorded or gap) is stored together with the follow state
// it advances, in one transaction guarded by the state it started from. A tick that lost a race (a
// retried tick overlapping the next one) fails that guard instead of storing a segment twice.
import { db } from "@/lib/platform/db";
import type { LiveSource } from "@/lib/generated/prisma/client";
import { joinScores, liveSegments } from "@/lib/live/timeline";
import type { SegmentParams } from "@/lib/highlights/segments";
import { ZSegmentScores, type TSegmentScores } from "@/lib/schemas/live";
import type { Commit } from "../jobs/types";

export class SupersededError extends Error {
  constructor() {
    super("another tick advanced this live source first");
    this.name = "SupersededError";
  }
}

/** The part of LiveSource a tick carries forward in memory between segments. */
export interface Cursor {
  epoch: number;
  lastSeq: number | null;
  lastUri: string | null;
  nextFrame: number;
  streamTimeS: number;
  tail: Float32Array | null;
  tailFrames: number;
}

export function cursorOf(s: LiveSource): Cursor {
  return {
    epoch: s.epoch,
    lastSeq: s.lastSeq === null ? null : Number(s.lastSeq),
    lastUri: s.lastUri,
    nextFrame: s.nextFrame,
    streamTimeS: s.streamTimeS,
    tail: s.tail
      ? new Float32Array(s.tail.buffer.slice(s.tail.byteOffset, s.tail.byteOffset + s.tail.byteLength))
      : null,
    tailFrames: s.tailFrames,
  };
}

export interface StoredSegment {
  seq: number;
  uri: string;
  status: "recorded" | "gap";
  durationS: number;
  discontinuity: boolean;
  slots: number;
  key: string | null;
  error: string | null;
  scores: TSegmentScores | null;
  seenAt: Date;
  /** the model version that scored it (worker/live/model.ts); null: the installed model files */
  versionId: string | null;
  // cursor after this segment
  next: Cursor;
}

export async function storeSegment(sourceId: string, from: Cursor, seg: StoredSegment): Promise<void> {
  const n = seg.next;
  await db().$transaction(async (tx) => {
    const moved = await tx.liveSource.updateMany({
      where: {
        id: sourceId,
        nextFrame: from.nextFrame,
        epoch: from.epoch,
        lastSeq: from.lastSeq === null ? null : BigInt(from.lastSeq),
      },
      data: {
        epoch: n.epoch,
        lastSeq: n.lastSeq === null ? null : BigInt(n.lastSeq),
        lastUri: n.lastUri,
        nextFrame: n.nextFrame,
        streamTimeS: n.streamTimeS,
        tail: n.tail ? new Uint8Array(n.tail.slice().buffer) : null,
        tailFrames: n.tail ? n.tailFrames : 0,
      },
    });
    if (moved.count !== 1) throw new SupersededError();
    await tx.liveSegment.create({
      data: {
        liveSourceId: sourceId,
        epoch: n.epoch,
        seq: BigInt(seg.seq),
        status: seg.status,
        uri: seg.uri,
        startS: from.streamTimeS,
        durationS: seg.durationS,
        discontinuity: seg.discontinuity,
        firstFrame: from.nextFrame,
        frameCount: seg.slots,
        key: seg.key,
        error: seg.error,
        scores: seg.scores ?? undefined,
        modelVersionId: seg.versionId,
        seenAt: seg.seenAt,
      },
    });
  });
}

export interface ModelGrid {
  labels: string[];
  rate: number;
  windowFrames: number;
  strideFrames: number;
}

/** The whole live timeline so far, as one score file. */
export async function loadTimeline(sourceId: string, grid: ModelGrid) {
  const rows = await db().liveSegment.findMany({
    where: { liveSourceId: sourceId, status: "recorded" },
    orderBy: [{ epoch: "asc" }, { seq: "asc" }],
    select: { scores: true },
  });
  return joinScores(
    grid,
    rows.map((r) => ZSegmentScores.parse(r.scores)),
  );
}

/**
 * Stores highlights whose end has been seen (they cannot change any more) and queues their clips.
 * Idempotent: the (source, label, start) key makes a re-run store nothing twice.
 */
export async function settleHighlights(
  source: Pick<LiveSource, "id">,
  grid: ModelGrid,
  params: Record<string, SegmentParams>,
  streamEndS: number,
  final: boolean,
  commit: Commit<"live-poll">,
): Promise<number> {
  if (Object.keys(params).length === 0) return 0;
  const file = await loadTimeline(source.id, grid);
  const { settled } = liveSegments(file, params, streamEndS, final);
  let added = 0;
  for (const s of settled) {
    const existing = await db().liveHighlight.findUnique({
      where: { liveSourceId_label_startS: { liveSourceId: source.id, label: s.label, startS: s.start } },
    });
    if (existing && existing.clipStatus !== "pending") continue;
    // A new highlight and its clip job commit together; a pending one's job is staged again (same id).
    await commit(async (tx) => {
      const h =
        existing ??
        (await tx.liveHighlight.create({
          data: {
            liveSourceId: source.id,
            label: s.label,
            startS: s.start,
            endS: s.end,
            peak: s.peak,
            mean: s.mean,
          },
        }));
      return {
        next: h.clipStatus === "pending" ? [{ job: "live-clip", data: { liveHighlightId: h.id } }] : [],
      };
    });
    if (!existing) added++;
  }
  return added;
}
