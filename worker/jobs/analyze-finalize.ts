import { db } from "@/lib/platform/db";
import { coverageOf, coverageWarning } from "@/lib/analysis/coverage";
import { tracksOf } from "@/lib/analysis/scores";
import { deriveAllSegments } from "@/lib/highlights/segments";
import { highlightRows } from "@/lib/review/apply";
import { segmentParamsOf } from "@/lib/schemas/analysis";
import { childLogger } from "@/lib/platform/logger";
import { deletePrefix, keys, putObject } from "@/lib/platform/storage";
import { mergeTimelines } from "../analysis/pipeline";
import { chunkPlanOf } from "../analysis/params";
import { modelFor } from "../analysis/models";
import { fromScoreFile, readChunkMeta, toScoreFile, writeFeatures } from "../analysis/store";
import { storeByProducts } from "../analysis/by-products-store";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { job, PermanentError, type NextJob } from "./types";
import { analysisStopped } from "./cancel";

/** Runs once every chunk is done: stitches scores and features, derives highlights, swaps results in. */
export const analyzeFinalizeJob = job("analyze-finalize", {
  cancelledBy: ({ analysisId }) => analysisStopped(analysisId),
  options: { concurrency: 2, timeoutMs: 10 * 60_000 },

  async handle({ analysisId }, ctx) {
    const analysis = await db().analysis.findUnique({ where: { id: analysisId }, include: { video: true } });
    if (!analysis || analysis.status !== "running") return;
    const { videoId, video } = analysis;
    const log = childLogger({ videoId, analysisId, jobId: ctx.jobId, job: "analyze-finalize" });
    const m = (await modelFor(analysis.modelId, analysis.modelVersionId)).manifest;
    const durationS = video.durationS ?? 0;
    const chunks = chunkPlanOf(analysis.params);
    const ids = { videoId, analysisId };

    await videoLifecycle.progress(videoId, "stitching", Math.max(analysis.progress, 0.95));
    const metas = await Promise.all(chunks.map((c) => readChunkMeta(ids, c.index)));
    const leadFrames = Math.max(0, ...metas.map((x) => x.leadFrames ?? 0));
    const coverage = coverageOf(chunks, metas, durationS, m.sampleRate, leadFrames);
    if (coverage.analysedFrames === 0) throw new PermanentError("no frame of the video could be decoded");
    const warning = coverageWarning(coverage, durationS);
    const scores = toScoreFile(mergeTimelines(metas.map((x) => fromScoreFile(x.timeline))));
    const scoresKey = keys.scores(videoId, analysisId);
    await putObject(scoresKey, JSON.stringify(scores), "application/json");
    const features = await writeFeatures(ids, chunks, metas);
    // Issue #25: the filmstrip and shot cuts the chunks found in their own frames; an analysis whose
    // chunks were written before that has the filmstrip made by its own decode, as before.
    const made = await storeByProducts(ids, durationS, chunks, metas, ctx.signal);
    const filmstrip: NextJob<"analyze-finalize">[] =
      !made && !video.filmstripVttKey ? [{ job: "filmstrip", data: { videoId } }] : [];

    const params = segmentParamsOf(analysis.params, m.segmentDefaults);
    const segments = deriveAllSegments(tracksOf(scores), params, durationS);

    // Compare-and-set on "running": a delete or a re-analysis that stopped this analysis while it was
    // being stitched wins, and nothing of it becomes current (the janitor removes what it wrote). The
    // jobs that follow (issue #5: a clip per highlight, the uploader and webhooks told) commit with it.
    const completed = await ctx.commit(async (tx) => {
      const done = await analysisLifecycle.completed(tx, analysisId, {
        current: true,
        progress: 1,
        scoresKey,
        featuresKey: features.key,
        coverage,
        completedAt: new Date(),
      });
      if (!done) return false;
      await tx.analysis.updateMany({
        where: { videoId, current: true, id: { not: analysisId } },
        data: { current: false },
      });
      await tx.highlight.deleteMany({ where: { analysisId } });
      const rows = await tx.highlight.createManyAndReturn({
        data: highlightRows(videoId, analysisId, segments),
        select: { id: true, revision: true },
      });
      await videoLifecycle.ready(videoId, tx, warning);
      const next: NextJob<"analyze-finalize">[] = [
        ...filmstrip,
        ...rows.map((h) => ({ job: "cut-clip" as const, data: { highlightId: h.id, revision: h.revision } })),
        { job: "notify", data: { videoId, analysisId, event: "analysis.completed" } },
      ];
      return { next };
    });
    if (!completed) {
      log.info("the analysis was stopped while it was stitched; its results are dropped");
      return { stopped: true, next: filmstrip };
    }
    await deletePrefix(keys.analysisChunks(videoId, analysisId));
    if (warning) log.warn({ coverage }, warning);
    log.info(
      { frames: features.frames, windows: scores.windows.length, highlights: segments.length },
      "analysis complete",
    );
    return { highlights: segments.length };
  },

  async onFailed({ analysisId }, message) {
    const videoId = await analysisLifecycle.failed(analysisId, message);
    if (!videoId) return;
    await videoLifecycle.failed(videoId, `analysis failed: ${message}`);
    return { next: [{ job: "notify", data: { videoId, analysisId, event: "analysis.failed" as const } }] };
  },
});
