import { db } from "../lib/db";
import { etaSeconds } from "./progress";

/** Failure is shown on the library card; the source object stays so nothing the editor uploaded is lost. */
export async function markVideoFailed(videoId: string, message: string): Promise<void> {
  await db().video.updateMany({
    where: { id: videoId },
    data: { status: "failed", error: message, stage: null, etaSeconds: null },
  });
}

export async function setVideoProgress(
  videoId: string,
  stage: string,
  fraction: number,
  etaSeconds: number | null,
): Promise<void> {
  await db().video.updateMany({
    where: { id: videoId, status: { in: ["queued", "processing"] } },
    data: { status: "processing", stage, progress: Math.min(1, Math.max(0, fraction)), etaSeconds },
  });
}

/**
 * Chunks of one analysis run in parallel on many workers: each adds its own share of progress
 * atomically, and the video shows the total.
 */
export async function addAnalysisProgress(analysisId: string, delta: number): Promise<void> {
  if (delta <= 0) return;
  const rows = await db().$queryRaw<{ progress: number; videoId: string; createdAt: Date }[]>`
    UPDATE "Analysis" SET progress = LEAST(1, progress + ${delta}) WHERE id = ${analysisId}::uuid
    RETURNING progress, "videoId", "createdAt"`;
  const row = rows[0];
  if (!row) return;
  await setVideoProgress(
    row.videoId,
    "analyzing",
    row.progress,
    etaSeconds(row.createdAt.getTime(), Date.now(), row.progress),
  );
}
