// The highlight reel of a video: its state and download link, and building a new one (job build-reel).
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { conflict } from "../errors";
import type { TReelDto } from "../schemas/highlights";
import { presignGet } from "../storage";
import { jobIdOf, startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { labelledHighlights, LINK_TTL_S } from "./current";
import { videoOr404 } from "../videos/find";
import { reelFileName } from "./names";
import { reelSelection } from "./selection";
import { pendingStatus } from "../status/lookup";

/** The stored reel (whichever label it holds), and what a build of `forLabel` (null: every label) would take. */
export async function getReel(videoId: string, forLabel: string | null = null): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { rule, items } = reelSelection((await labelledHighlights(videoId, forLabel)).highlights);
  const downloadName = reelFileName(video.title, video.reelLabel);
  const job =
    video.reelStatus === "cutting" && video.reelJobId
      ? await pendingStatus("build-reel", video.reelJobId)
      : null;
  return {
    status: video.reelStatus,
    // the job's fraction never goes back, also across a retry (lib/status/progress.ts)
    progress: job?.state === "running" ? Math.max(job.fraction, video.reelProgress) : video.reelProgress,
    job,
    error: video.reelError,
    url: video.reelKey ? await presignGet(video.reelKey, { expiresIn: LINK_TTL_S, downloadName }) : null,
    downloadName,
    builtAt: video.reelBuiltAt?.toISOString() ?? null,
    label: video.reelLabel,
    forLabel,
    rule,
    count: items.length,
  };
}

/**
 * Queues a reel of one label's highlights (null: every label), the same selection rule within the label.
 * One reel per video, the last one asked for: per-label reels would need a reel table with a status,
 * progress and file per label, and the janitor, trash and purge taught about it, for a file an editor
 * rebuilds in seconds; the video's reelLabel says which label the stored one holds.
 */
export async function requestReel(videoId: string, label: string | null = null): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { items } = reelSelection((await labelledHighlights(videoId, label)).highlights);
  if (items.length === 0)
    throw conflict(
      `There are no ${label === null ? "" : `${label} `}highlights to put in a reel (all rejected)`,
    );
  const nonce = randomUUID();
  // Compare-and-set on the status: two clicks queue one build. The job is staged in the same
  // transaction, so a "cutting" reel always has a build on its way (lib/pipeline/outbox.ts).
  await db().$transaction(async (tx) => {
    const { count } = await tx.video.updateMany({
      where: { id: video.id, reelStatus: { not: "cutting" } },
      data: {
        reelStatus: "cutting",
        reelProgress: 0,
        reelError: null,
        reelJobId: jobIdOf("build-reel", { videoId, label }, nonce),
      },
    });
    if (count === 0) throw conflict("A reel is already being built");
    await startJob(tx, "reel asked for", "build-reel", { videoId, label }, { nonce });
  });
  await dispatchSoon();
  return getReel(videoId, label);
}
