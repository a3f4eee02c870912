import { db } from "../../lib/db";
import { enqueueCut } from "../../lib/clips/enqueue";
import { enqueue } from "../../lib/queue";

/**
 * Follow-up work once an analysis ends, called by analyze-finalize. Everything is a job with a
 * deterministic id, so a retried finaliser enqueues nothing twice.
 */
export const afterAnalysis = {
  async completed(videoId: string, analysisId: string): Promise<void> {
    const highlights = await db().highlight.findMany({
      where: { analysisId },
      select: { id: true, revision: true },
    });
    for (const h of highlights) await enqueueCut(h.id, h.revision);
    await enqueue(
      "notify",
      { videoId, analysisId, event: "analysis.completed" },
      { jobId: `${analysisId}:notify:completed` },
    );
  },

  async failed(videoId: string, analysisId: string): Promise<void> {
    await enqueue(
      "notify",
      { videoId, analysisId, event: "analysis.failed" },
      { jobId: `${analysisId}:notify:failed` },
    );
  },
};
