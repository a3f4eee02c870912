// Issues #24/#30: what must hold before a retrain starts, checked by POST /api/model-versions and shown
// by the Models page before anyone presses the button: labels enough for the job's own rule, a worker
// whose Python can train, and no earlier run left "training" by a worker that died.
import { db } from "@/lib/platform/db";
import { taughtLabelNames } from "../labels/taught";
import { childLogger } from "@/lib/platform/logger";
import { defaultModelId, readManifest, ZModelManifest } from "../model";
import { activeVersion } from "./active";
import { labelledVideos, planLabels, tooFewVideos, withLabelledWindows } from "./labelled";

export interface RetrainReadiness {
  ready: boolean;
  /** why not, or what the next retrain learns from */
  message: string;
  /** one sentence per taught label the next retrain leaves out (the Teach panel's words) */
  leftOut: string[];
}

/** The retrain job's rule (worker/jobs/retrain.ts), on the labels as they are now. */
export async function retrainReadiness(): Promise<RetrainReadiness> {
  const modelId = defaultModelId();
  const active = await activeVersion(modelId);
  const manifest = active?.manifest ? ZModelManifest.parse(active.manifest) : readManifest(modelId).manifest;
  const parent = { manifest, labels: manifest.labels.names };
  const labelled = await labelledVideos();
  const plan = planLabels(parent, await taughtLabelNames(), labelled);
  const videos = withLabelledWindows(labelled, { manifest, labels: plan.labels });
  const few = tooFewVideos(videos, parent, []);
  if (few) return { ready: false, message: few, leftOut: plan.leftOut };
  const learns = plan.added.length ? `, and learns ${plan.added.map((l) => `"${l}"`).join(", ")}` : "";
  return {
    ready: true,
    message: `Ready: the next retrain learns from labels on ${videos.length} videos${learns}.`,
    leftOut: plan.leftOut,
  };
}

/** A queued or training version whose row has not moved for this long lost its worker. */
export const STALE_RETRAIN_MS = 30 * 60_000;

/**
 * Marks failed the runs whose worker stopped without a word (a kill -9 between two progress writes, a
 * queue emptied by hand), so they do not block the next retrain for ever.
 */
export async function failStaleRetrains(modelId: string, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALE_RETRAIN_MS);
  const { count } = await db().modelVersion.updateMany({
    where: { modelId, status: { in: ["queued", "training"] }, updatedAt: { lt: before } },
    data: {
      status: "failed",
      error: `No progress for ${STALE_RETRAIN_MS / 60_000} minutes: the worker running it stopped. Start the retrain again.`,
      stage: null,
      completedAt: now,
    },
  });
  if (count > 0) childLogger({ modelId }).warn({ count }, "stale retrains marked failed");
  return count;
}
