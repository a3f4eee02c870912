import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { presignGet } from "@/lib/platform/storage";
import { FfmpegError } from "../ffmpeg/frames";
import { humanFfmpegError } from "../ffmpeg/media";
import { analyze } from "../analysis/pipeline";
import { modelFor } from "../analysis/models";
import { chunkPlanOf } from "../analysis/params";
import { toScoreFile, writeChunk } from "../analysis/store";
import { byProductCollector } from "../analysis/by-products";
import { byProductPlanOf, writeChunkTiles } from "../analysis/by-products-store";
import { setChunkProgress } from "../progress";
import { job, PermanentError } from "./types";
import { analysisStopped } from "./cancel";

/** Decodes one time chunk through a presigned URL (range reads) and scores it; results go to S3. */
export const analyzeChunkJob = job("analyze-chunk", {
  cancelledBy: ({ analysisId }) => analysisStopped(analysisId),
  // One chunk at a time per worker: decoding and inference already use both cores of a small box.
  options: { concurrency: 1, timeoutMs: 60 * 60_000 },

  async handle({ analysisId, index }, ctx) {
    const analysis = await db().analysis.findUnique({ where: { id: analysisId }, include: { video: true } });
    if (!analysis || analysis.status !== "running") return;
    const log = childLogger({ videoId: analysis.videoId, analysisId, chunk: index, jobId: ctx.jobId });
    const model = await modelFor(analysis.modelId, analysis.modelVersionId);
    const chunks = chunkPlanOf(analysis.params);
    const chunk = chunks[index];
    if (!chunk) throw new PermanentError(`chunk ${index} is outside the plan of ${chunks.length}`);

    const share = 0.95 / chunks.length; // the finaliser reports the last 5 %
    let reported = 0;
    // Started (or started again after a lost worker): the entry keeps what an earlier attempt reported.
    await setChunkProgress(analysisId, index, 0, share, true);
    const url = await presignGet(analysis.video.sourceKey, { internal: true, expiresIn: 6 * 3600 });
    const span = chunk.durationS ?? (analysis.video.durationS ?? 0) - chunk.startS;
    // Issue #25: the same frames give the filmstrip's tiles and the shot cuts of this chunk's slots.
    const m = model.manifest;
    const plan = byProductPlanOf(chunk, analysis.video, { rate: m.sampleRate, size: m.preprocess.size });
    const by = plan ? byProductCollector(plan) : null;
    const result = await analyze({
      input: url,
      model,
      startS: chunk.startS,
      durationS: chunk.durationS,
      expectedDurationS: span,
      signal: ctx.signal,
      onFrame: by ? (f) => by.onFrame(f) : undefined,
      onProgress: (pct) => {
        const fraction = Math.min(1, pct / 100);
        if (fraction - reported < 0.05 && pct < 100) return; // ~20 updates per chunk
        reported = fraction;
        void setChunkProgress(analysisId, index, fraction, share).catch((err) =>
          log.warn({ err }, "progress update failed"),
        );
      },
    }).catch((err: unknown) => {
      // A source that ffprobe accepted but ffmpeg cannot decode will not get better on retry.
      if (err instanceof FfmpegError) throw new PermanentError(humanFfmpegError(err.stderrTail));
      throw err;
    });
    const got = by?.result();
    if (got) await writeChunkTiles({ videoId: analysis.videoId, analysisId }, index, got);
    await writeChunk(
      { videoId: analysis.videoId, analysisId },
      index,
      {
        firstFrame: result.firstFrame,
        frameCount: result.frameCount,
        featureDim: result.featureDim,
        timeline: toScoreFile(result.timeline),
        leadFrames: result.leadFrames,
        byProducts: got ? { shots: got.shots, tiles: got.tiles } : undefined,
      },
      result.features,
    );
    await setChunkProgress(analysisId, index, 1, share);
    log.info(
      { frames: result.frameCount, windows: result.timeline.windows.length, shots: got?.shots.length },
      "chunk analysed",
    );
    return { frames: result.frameCount };
  },
});
