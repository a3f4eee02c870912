// Live sources for the routes: create (and start following), list, detail with the timeline, stop.
import { db } from "@/lib/platform/db";
import { AppError, conflict, notFound } from "@/lib/platform/errors";
import type { LiveSource } from "../generated/prisma/client";
import { jobIdOf, queuedJob, startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { assertFetchableUrl, RefusedUrlError } from "../security/ssrf";
import { presignGet } from "@/lib/platform/storage";
import {
  liveIsActive,
  ZLiveParams,
  ZSegmentScores,
  type TLiveCreate,
  type TLiveDetailDto,
  type TLiveHighlightDto,
  type TLiveSourceDto,
} from "../schemas/live";
import { joinScores, liveSegments } from "./timeline";
import { pendingStatuses } from "../status/lookup";

const withOwner = { owner: { select: { id: true, name: true } } } as const;
type Row = LiveSource & { owner: { id: string; name: string } };

export async function createLiveSource(
  ownerId: string,
  input: TLiveCreate,
  opts: { modelId?: string } = {},
): Promise<TLiveSourceDto> {
  await assertLiveUrlAllowed(input.url);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.liveSource.create({
      data: { ownerId, title: input.title, url: input.url, modelId: opts.modelId ?? null },
      include: withOwner,
    });
    await startJob(tx, "live source added", "live-poll", { liveSourceId: created.id, tick: 0 });
    return created;
  });
  await dispatchSoon();
  return toDto(row, await countsOf([row.id]));
}

/**
 * Refuses a URL that points into our own network now, with the same message the worker would give. A
 * host that does not resolve yet is left to the first poll, which reports it on the source.
 */
async function assertLiveUrlAllowed(url: string): Promise<void> {
  try {
    await assertFetchableUrl(url);
  } catch (err) {
    if (err instanceof RefusedUrlError) throw new AppError(422, err.message, "url_refused");
  }
}

type Counts = Map<string, { recorded: number; gaps: number; highlights: number }>;

async function countsOf(ids: string[]): Promise<Counts> {
  const [segs, hl] = await Promise.all([
    db().liveSegment.groupBy({
      by: ["liveSourceId", "status"],
      where: { liveSourceId: { in: ids } },
      _count: true,
    }),
    db().liveHighlight.groupBy({ by: ["liveSourceId"], where: { liveSourceId: { in: ids } }, _count: true }),
  ]);
  const out: Counts = new Map(ids.map((id) => [id, { recorded: 0, gaps: 0, highlights: 0 }]));
  for (const s of segs) {
    const c = out.get(s.liveSourceId)!;
    if (s.status === "recorded") c.recorded = s._count;
    else c.gaps = s._count;
  }
  for (const h of hl) out.get(h.liveSourceId)!.highlights = h._count;
  return out;
}

function toDto(r: Row, counts: Counts): TLiveSourceDto {
  const c = counts.get(r.id) ?? { recorded: 0, gaps: 0, highlights: 0 };
  return {
    id: r.id,
    title: r.title,
    url: r.url,
    variant: r.variant,
    status: r.status,
    error: r.error,
    stopRequested: r.stopRequested,
    targetDurationS: r.targetDurationS,
    streamTimeS: r.streamTimeS,
    recordedSegments: c.recorded,
    gaps: c.gaps,
    highlights: c.highlights,
    videoId: r.videoId,
    recordingError: r.recordingError,
    owner: r.owner,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

export async function listLiveSources(): Promise<TLiveSourceDto[]> {
  const rows = await db().liveSource.findMany({
    include: withOwner,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const counts = await countsOf(rows.map((r) => r.id));
  return rows.map((r) => toDto(r, counts));
}

// Clip links are re-signed on every poll; an hour outlives any reasonable stay on the page.
const CLIP_TTL_S = 3600;

export async function getLiveSource(id: string): Promise<TLiveDetailDto> {
  const row = await db().liveSource.findUnique({ where: { id }, include: withOwner });
  if (!row) throw notFound("Live source");
  const [segments, highlights, counts] = await Promise.all([
    db().liveSegment.findMany({
      where: { liveSourceId: id },
      orderBy: [{ epoch: "asc" }, { seq: "asc" }],
      select: {
        status: true,
        startS: true,
        durationS: true,
        error: true,
        discontinuity: true,
        scores: true,
        modelVersion: { select: { version: true } },
      },
    }),
    db().liveHighlight.findMany({ where: { liveSourceId: id }, orderBy: { startS: "asc" } }),
    countsOf([id]),
  ]);
  const params = row.params ? ZLiveParams.parse(row.params) : null;
  const recorded = segments.filter((s) => s.status === "recorded" && s.scores);
  const timeline = params
    ? joinScores(
        params.grid,
        recorded.map((s) => ZSegmentScores.parse(s.scores)),
      )
    : null;
  const active = liveIsActive(row.status);
  const pending =
    timeline && params && active
      ? liveSegments(timeline, params.segments, row.streamTimeS, false).pending.map((s) => ({
          label: s.label,
          startS: s.start,
          endS: s.end,
          peak: s.peak,
        }))
      : [];
  const clipJobs = await pendingStatuses(
    "live-clip",
    highlights
      .filter((h) => h.clipStatus === "pending")
      .map((h) => jobIdOf("live-clip", { liveHighlightId: h.id })),
  );
  const detections: TLiveHighlightDto[] = await Promise.all(
    highlights.map(async (h) => ({
      id: h.id,
      label: h.label,
      startS: h.startS,
      endS: h.endS,
      peak: h.peak,
      mean: h.mean,
      clipStatus: h.clipStatus,
      clipError: h.clipError,
      clipJob: clipJobs.get(jobIdOf("live-clip", { liveHighlightId: h.id })) ?? null,
      clipUrl:
        h.clipStatus === "ready" && h.clipKey
          ? await presignGet(h.clipKey, {
              expiresIn: CLIP_TTL_S,
              downloadName: `${row.title}-${h.label}-${Math.round(h.startS)}s.mp4`,
            })
          : null,
    })),
  );
  return {
    ...toDto(row, counts),
    timeline: timeline && {
      labels: timeline.labels,
      rate: timeline.rate,
      windowFrames: timeline.windowFrames,
      strideFrames: timeline.strideFrames,
      windows: timeline.windows,
      scores: timeline.scores,
    },
    gapRanges: segments
      .filter((s) => s.status === "gap")
      .map((s) => ({ startS: s.startS, endS: s.startS + s.durationS, error: s.error })),
    discontinuities: segments.filter((s) => s.discontinuity).map((s) => s.startS),
    scoredBy: runsOf(recorded.map((s) => ({ startS: s.startS, version: s.modelVersion?.version ?? null }))),
    detections,
    pending,
  };
}

export async function stopLiveSource(id: string): Promise<TLiveSourceDto> {
  const row = await db().liveSource.findUnique({ where: { id } });
  if (!row) throw notFound("Live source");
  if (!liveIsActive(row.status))
    throw conflict(`This live source has already ${row.status === "failed" ? "failed" : row.status}`);
  const updated = await db().liveSource.update({
    where: { id },
    data: { stopRequested: true },
    include: withOwner,
  });
  // The next tick is usually a delayed job: run it now, so "stop" takes effect in about a second. With
  // Redis away (no answer within 1.2 s) the stop is still recorded; the tick sees it when it runs.
  await queuedJob("live-poll", { liveSourceId: id, tick: row.tick })
    .then((next) => next?.promote())
    .catch(() => undefined);
  return toDto(updated, await countsOf([id]));
}

/** Consecutive segments scored by the same model version, as one run from its first segment. */
function runsOf(segments: { startS: number; version: string | null }[]) {
  return segments.filter((s, i) => i === 0 || segments[i - 1]!.version !== s.version);
}
