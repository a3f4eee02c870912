import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { childLogger } from "@/lib/platform/logger";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TAnalysisParamsInput } from "@/lib/schemas/analysis";
import { planChunks } from "../analysis/plan";
import { servingModel } from "../analysis/models";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { job, PermanentError, type NextJob } from "./types";
import { videoWithdrawn } from "./cancel";

/**
 * Plans an analysis: one Analysis row, then a flow of time-chunk jobs (any worker, any machine) and a
 * finaliser that stitches them. The video's current results stay until the new analysis completes.
 */
export const analyzeJob = job("analyze", {
  cancelledBy: ({ videoId }) => videoWithdrawn(videoId),
  options: { concurrency: 2, timeoutMs: 60_000 },

  async handle({ videoId, modelId }, ctx) {
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "analyze" });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) {
      log.info("video is gone; nothing to analyse");
      return;
    }
    if (!video.durationS) throw new PermanentError("the video has not been probed");
    let model, versionId;
    try {
      ({ model, versionId } = await servingModel(modelId));
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
        modelVersionId: versionId,
        ...analysisLifecycle.started(),
        params: storedParams({
          chunkS: env().ANALYZE_CHUNK_S,
          chunks: chunks.length,
          plan: chunks,
          segments: m.segmentDefaults,
        }),
      },
    });
    await videoLifecycle.analyzing(videoId);
    // The chunks run on any worker, any machine; the finaliser once all of them are done (a flow).
    // After them (issue #17). Issue #25: the chunks make the filmstrip and the shot cuts from their
    // own frames; the waveform is an audio-only pass; a proxy is made only where probe found that the
    // browser cannot play the source well, piece by piece (or one stream copy for a remux). A re-analysis
    // does not redo what exists.
    const next: NextJob<"analyze">[] = [
      {
        job: "analyze-finalize",
        data: { analysisId: analysis.id },
        children: chunks.map((c) => ({
          job: "analyze-chunk" as const,
          data: { analysisId: analysis.id, index: c.index },
        })),
      },
    ];
    if (video.hasAudio && !video.waveformKey) next.push({ job: "waveform", data: { videoId } });
    if ((video.playback === "proxy" || video.playback === "remux") && video.proxyPieces) {
      for (let piece = video.proxyPiecesDone; piece < video.proxyPieces; piece++)
        next.push({ job: "proxy", data: { videoId, piece } });
    }
    log.info(
      { analysisId: analysis.id, model: `${m.id}@${m.version}`, chunks: chunks.length },
      "analysis planned",
    );
    return { analysisId: analysis.id, chunks: chunks.length, next };
  },

  async onFailed({ videoId }, message) {
    await videoLifecycle.failed(videoId, `analysis failed: ${message}`);
  },
});

// The plan is planned here only; chunk jobs and the finaliser read it back (lib/schemas/analysis.ts).
// A JSON round trip drops the open-ended last chunk's undefined fields, as the database would.
function storedParams(params: TAnalysisParamsInput): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(params)) as Prisma.InputJsonObject;
}
