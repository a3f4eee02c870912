import { db } from "../lib/db";

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
