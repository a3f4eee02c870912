import { coverageFrom } from "../analysis/coverage";
import { tracksOf, ZScoreFile, type TScoreFile } from "../analysis/scores";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { segmentParamsOf } from "../schemas/analysis";
import { clipLifecycle } from "../clips/lifecycle";
import { listHighlights } from "../clips/service";
import { videoOr404 } from "../videos/find";
import { BACKGROUND } from "../labels/kinds";
import { recordDecision } from "../labels/service";
import { taughtLabelNames } from "../labels/taught";
import { db } from "@/lib/platform/db";
import type { Prisma, Video } from "../generated/prisma/client";
import { badRequest, conflict, notFound } from "@/lib/platform/errors";
import { deriveAllSegments, type SegmentParams } from "../highlights/segments";
import { childLogger } from "@/lib/platform/logger";
import { readManifest, ZModelManifest } from "../model";
import type { THighlightCreate, TReviewDto, TSegmentsApplied, TWaveform } from "../schemas/review";
import type { THighlightDto } from "../schemas/highlights";
import { getObjectBytes, isNotFound, presignGet, typeForKey } from "@/lib/platform/storage";
import { playablePieces, playlistUrl } from "../videos/proxy-playlist";
import { highlightRows, planApply, scoreStats } from "./apply";

// The player keeps its URL for the whole session; a review can last an afternoon.
const MEDIA_TTL_S = 6 * 3600;

async function readJson(key: string | null): Promise<unknown> {
  if (!key) return null;
  try {
    return JSON.parse(new TextDecoder().decode(await getObjectBytes(key))) as unknown;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/**
 * The segment defaults of the model that made the analysis: a retrained version's own (it may have
 * learnt labels editors taught, issue #14 item 4), else the installed manifest's.
 */
async function modelDefaults(
  analysis: { modelId: string; modelVersionId: string | null } | null,
): Promise<Record<string, SegmentParams>> {
  if (!analysis) return {};
  const { modelId, modelVersionId } = analysis;
  try {
    const version = modelVersionId
      ? await db().modelVersion.findUnique({ where: { id: modelVersionId } })
      : null;
    if (version?.manifest) return ZModelManifest.parse(version.manifest).segmentDefaults;
    return readManifest(modelId).manifest.segmentDefaults;
  } catch (err) {
    // A model removed from disk after it analysed this video: the stored params still work.
    childLogger({ modelId }).warn({ err }, "model manifest unavailable for review defaults");
    return {};
  }
}

async function currentAnalysis(videoId: string) {
  return db().analysis.findFirst({ where: { videoId, current: true } });
}

// A score file never changes once its analysis is current (one per analysis id), and the review page
// polls while the proxy is made: the last few parsed files are kept instead of read, parsed and
// validated again on every poll (a 90-minute match is ~11,000 windows per class).
const SCORE_MEMO = 8;
const parsedScores = new Map<string, Promise<TScoreFile | null>>();

function scoresOf(scoresKey: string | null): Promise<TScoreFile | null> {
  if (!scoresKey) return Promise.resolve(null);
  const hit = parsedScores.get(scoresKey);
  if (hit) {
    parsedScores.delete(scoresKey);
    parsedScores.set(scoresKey, hit);
    return hit;
  }
  const read = readJson(scoresKey).then((raw) => (raw ? ZScoreFile.parse(raw) : null));
  parsedScores.set(scoresKey, read);
  // Failures and missing files are not kept: the next request tries again.
  void read.then(
    (v) => v ?? parsedScores.delete(scoresKey),
    () => parsedScores.delete(scoresKey),
  );
  if (parsedScores.size > SCORE_MEMO) parsedScores.delete(parsedScores.keys().next().value!);
  return read;
}

/**
 * Issue #25: the source where the browser plays it well (through /api/media with the embedded storage);
 * for a proxy, the pieces made so far; the remuxed copy (mode "remux") or a whole-file proxy of a video
 * made before, once there is one; else the source.
 */
async function mediaOf(video: Video): Promise<TReviewDto["media"]> {
  if (video.playback === "proxy") {
    const n = await playablePieces(video.id);
    if (n > 0) return { url: playlistUrl(video.id, n), kind: "proxy", type: "application/x-mpegURL" };
  }
  const key = video.playback === "source" ? video.sourceKey : (video.proxyKey ?? video.sourceKey);
  const url = await presignGet(key, { expiresIn: MEDIA_TTL_S });
  const type = typeForKey(key) === "video/webm" ? "video/webm" : "video/mp4";
  return { url, kind: key === video.proxyKey ? "proxy" : "source", type };
}

export async function getReview(videoId: string): Promise<TReviewDto> {
  const video = await videoOr404(videoId);
  const analysis = await currentAnalysis(videoId);
  const [scores, shots, waveform, highlights, media] = await Promise.all([
    scoresOf(analysis?.scoresKey ?? null),
    readJson(video.shotsKey),
    readJson(video.waveformKey),
    listHighlights(videoId),
    mediaOf(video),
  ]);
  const defaults = await modelDefaults(analysis);
  return {
    video: {
      id: video.id,
      title: video.title,
      status: video.status,
      error: video.error,
      warning: video.warning,
      durationS: video.durationS ?? 0,
      fps: video.fps ?? 25,
      width: video.width,
      height: video.height,
      hasAudio: video.hasAudio,
    },
    media,
    playback: video.playback
      ? {
          mode: video.playback === "proxy" || video.playback === "remux" ? video.playback : "source",
          reason: video.playbackReason ?? "",
          pieces: video.proxyPieces,
          piecesDone: video.proxyPiecesDone,
        }
      : null,
    proxyError: video.proxyError,
    filmstripVttUrl: video.filmstripVttKey ? `/api/videos/${video.id}/filmstrip.vtt` : null,
    analysisId: analysis?.id ?? null,
    modelId: analysis?.modelId ?? null,
    modelVersion: analysis?.modelVersion ?? null,
    scores,
    shots: (shots as { shots?: number[] } | null)?.shots ?? [],
    waveform: (waveform as TWaveform | null) ?? null,
    unanalysed: coverageFrom(analysis?.coverage)?.gaps ?? [],
    params: segmentParamsOf(analysis?.params, defaults),
    defaults,
    highlights,
  };
}

/**
 * Re-derives the current analysis's suggestions with the editor's parameters, with the same pure
 * function the browser previewed with. Decisions stay: accepted, edited and rejected highlights are
 * kept, and a new suggestion overlapping one of them is dropped. An unchanged suggestion keeps its row
 * (and its clip); only new ones are cut.
 */
export async function applySegments(
  videoId: string,
  params: Record<string, SegmentParams>,
): Promise<TSegmentsApplied> {
  const video = await videoOr404(videoId);
  const analysis = await currentAnalysis(videoId);
  if (!analysis?.scoresKey) throw conflict("This video has no completed analysis yet");
  const scores = await scoresOf(analysis.scoresKey);
  if (!scores) throw conflict("The analysis scores are missing");
  const unknown = Object.keys(params).filter((l) => !scores.labels.includes(l));
  if (unknown.length > 0) throw badRequest(`Unknown class(es): ${unknown.join(", ")}`);

  const derived = deriveAllSegments(tracksOf(scores), params, video.durationS ?? 0);
  const existing = await db().highlight.findMany({ where: { analysisId: analysis.id } });
  const plan = planApply(existing, derived);
  const created = await db().$transaction(async (tx) => {
    await tx.highlight.deleteMany({ where: { id: { in: plan.remove }, status: "suggested" } });
    const rows = await tx.highlight.createManyAndReturn({
      data: highlightRows(videoId, analysis.id, plan.create, { cutting: true }),
      select: { id: true, revision: true },
    });
    // SegmentParams is plain JSON; the cast is Prisma's InputJsonValue not accepting interfaces.
    const old = (analysis.params ?? {}) as Record<string, unknown>;
    const next = { ...old, segments: params } as unknown as Prisma.InputJsonObject;
    await tx.analysis.update({ where: { id: analysis.id }, data: { params: next } });
    for (const h of rows)
      await startJob(tx, "highlights edited", "cut-clip", {
        highlightId: h.id,
        revision: h.revision,
        editor: true,
      });
    return rows;
  });
  await dispatchSoon();
  childLogger({ videoId, analysisId: analysis.id }).info(
    { created: created.length, removed: plan.remove.length, kept: plan.kept },
    "segments applied",
  );
  return {
    created: created.length,
    removed: plan.remove.length,
    kept: plan.kept,
    highlights: await listHighlights(videoId),
  };
}

/** A highlight the editor marked by hand (N): their boundaries, so it starts as "edited". */
export async function createHighlight(videoId: string, body: THighlightCreate): Promise<THighlightDto> {
  const video = await videoOr404(videoId);
  const analysis = await currentAnalysis(videoId);
  if (!analysis) throw conflict("This video has no completed analysis yet");
  if (video.durationS !== null && body.endS > video.durationS + 1e-6) {
    throw badRequest(`The end is past the end of the video (${video.durationS.toFixed(2)} s)`);
  }
  if (video.fps && body.endS - body.startS < 1 / video.fps) {
    throw badRequest("A highlight must be at least one frame long");
  }
  const scores = await scoresOf(analysis.scoresKey);
  // the analysis's own labels and those editors added (issue #14 item 4), never background
  const own = scores?.labels ?? readManifest(analysis.modelId).manifest.labels.names;
  const known = new Set([...own, ...(await taughtLabelNames())]);
  if (body.label === BACKGROUND || !known.has(body.label))
    throw badRequest(
      `There is no label "${body.label}" to mark: add it under "Teach the model" first (known: ${[...known].filter((l) => l !== BACKGROUND).join(", ")})`,
    );
  const stats = scores ? scoreStats(scores, body.label, body.startS, body.endS) : { peak: 0, mean: 0 };
  const h = await db().$transaction(async (tx) => {
    const row = await tx.highlight.create({
      data: {
        videoId,
        analysisId: analysis.id,
        label: body.label,
        startS: body.startS,
        endS: body.endS,
        ...stats,
        status: "edited",
        ...clipLifecycle.created(true),
      },
    });
    await startJob(tx, "highlights edited", "cut-clip", {
      highlightId: row.id,
      revision: row.revision,
      editor: true,
    });
    return row;
  });
  await dispatchSoon();
  await recordDecision(h.id, { added: true });
  const dto = (await listHighlights(videoId)).highlights.find((x) => x.id === h.id);
  if (!dto) throw notFound("Highlight");
  return dto;
}
