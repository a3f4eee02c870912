import { db } from "../../lib/db";
import { env } from "../../lib/env";
import { childLogger } from "../../lib/logger";
import { enqueueFlow } from "../../lib/queue";
import { ZAnalyzeJob } from "../../lib/schemas/jobs";
import { planChunks } from "../analysis/plan";
import { modelFor } from "../analysis/models";
import { markVideoFailed } from "../videos";
import { defineJob, PermanentError } from "./types";

/**
 * Plans an analysis: one Analysis row, then a flow of time-chunk jobs (any worker, any machine) and a
 * finaliser that stitches them. The video's current results stay until the new analysis completes.
 */
export const analyzeJob = defineJob({
  name: "analyze",
  schema: ZAnalyzeJob,
  options: { concurrency: 2, timeoutMs: 60_000 },

  async handle({ videoId, modelId }, ctx) {
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "analyze" });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) {
      log.info("video is gone; nothing to analyse");
      return;
    }
    if (!video.durationS) throw new PermanentError("the video has not been probed");
    let model;
    try {
      model = await modelFor(modelId);
    } catch (err) {
      throw new PermanentError(`model unavailable: ${(err as Error).message}`);
    }
    const m = model.manifest;
    const chunks = planChunks(video.durationS, m.sampleRate, m.window.frames, env().ANALYZE_CHUNK_S);
    const analysis = await db().analysis.create({
      data: {
        videoId,
        modelId: m.id,
        modelVersion: m.version,
        status: "running",
        params: { chunkS: env().ANALYZE_CHUNK_S, chunks: chunks.length, segments: m.segmentDefaults },
      },
    });
    await db().video.update({
      where: { id: videoId },
      data: { status: "processing", stage: "analyzing", progress: 0 },
    });
    await enqueueFlow(
      { name: "analyze-finalize", data: { analysisId: analysis.id }, jobId: `${analysis.id}:finalize` },
      chunks.map((c) => ({
        name: "analyze-chunk" as const,
        data: { analysisId: analysis.id, index: c.index },
        jobId: `${analysis.id}:chunk:${c.index}`,
      })),
    );
    log.info(
      { analysisId: analysis.id, model: `${m.id}@${m.version}`, chunks: chunks.length },
      "analysis planned",
    );
    return { analysisId: analysis.id, chunks: chunks.length };
  },

  async onFailed({ videoId }, message) {
    await markVideoFailed(videoId, `analysis failed: ${message}`);
  },
});
