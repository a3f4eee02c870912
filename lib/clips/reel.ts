// The highlight reel of a video: its state and download link, and building a new one (job build-reel).
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { conflict } from "../errors";
import type { TReelDto } from "../schemas/highlights";
import { presignGet } from "../storage";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { currentHighlights, LINK_TTL_S } from "./current";
import { videoOr404 } from "../videos/find";
import { reelFileName } from "./names";
import { reelSelection } from "./selection";

export async function getReel(videoId: string): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { rule, items } = reelSelection((await currentHighlights(videoId)).highlights);
  const downloadName = reelFileName(video.title);
  return {
    status: video.reelStatus,
    progress: video.reelProgress,
    error: video.reelError,
    url: video.reelKey ? await presignGet(video.reelKey, { expiresIn: LINK_TTL_S, downloadName }) : null,
    downloadName,
    builtAt: video.reelBuiltAt?.toISOString() ?? null,
    rule,
    count: items.length,
  };
}

export async function requestReel(videoId: string): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { items } = reelSelection((await currentHighlights(videoId)).highlights);
  if (items.length === 0) throw conflict("There are no highlights to put in a reel");
  // Compare-and-set on the status: two clicks queue one build. The job is staged in the same
  // transaction, so a "cutting" reel always has a build on its way (lib/pipeline/outbox.ts).
  await db().$transaction(async (tx) => {
    const { count } = await tx.video.updateMany({
      where: { id: video.id, reelStatus: { not: "cutting" } },
      data: { reelStatus: "cutting", reelProgress: 0, reelError: null },
    });
    if (count === 0) throw conflict("A reel is already being built");
    await startJob(tx, "reel asked for", "build-reel", { videoId }, { nonce: randomUUID() });
  });
  await dispatchSoon();
  return getReel(videoId);
}
