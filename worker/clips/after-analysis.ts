import { db } from "@/lib/db";
import { enqueueNext } from "@/lib/pipeline/enqueue";

/**
 * Follow-up work once an analysis ends, called by analyze-finalize (its edges are declared in
 * lib/pipeline/graph.ts). Every job has a deterministic id, so a retried finaliser enqueues nothing twice.
 */
export const afterAnalysis = {
  async completed(videoId: string, analysisId: string): Promise<void> {
    const highlights = await db().highlight.findMany({
      where: { analysisId },
      select: { id: true, revision: true },
    });
    for (const h of highlights) {
      await enqueueNext("analyze-finalize", "cut-clip", { highlightId: h.id, revision: h.revision });
    }
    await enqueueNext("analyze-finalize", "notify", { videoId, analysisId, event: "analysis.completed" });
  },

  async failed(videoId: string, analysisId: string): Promise<void> {
    await enqueueNext("analyze-finalize", "notify", { videoId, analysisId, event: "analysis.failed" });
  },
};
