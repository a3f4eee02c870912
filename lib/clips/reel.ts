// The highlight reel of a video: its state and download link, and building a new one (job build-reel).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db";
import { TransitionError } from "../lifecycle/machine";
import { reelLifecycle } from "./lifecycle";
import { conflict } from "@/lib/platform/errors";
import type { TReelDto } from "../schemas/highlights";
import { presignGet } from "@/lib/platform/storage";
import { jobIdOf, startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { labelledHighlights, LINK_TTL_S } from "./current";
import { videoOr404 } from "../videos/find";
import { reelFileName } from "./names";
import { reelSelection } from "./selection";
import { SHOOTOUT_GAP_S, SHOOTOUT_MIN_KICKS, shootouts } from "./shootout";
import { pendingStatus } from "../status/lookup";

/** The stored reel (whichever label it holds), and what a build of `forLabel` (null: every label) would take. */
export async function getReel(videoId: string, forLabel: string | null = null): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { all, highlights } = await labelledHighlights(videoId, forLabel);
  const { rule, items } = reelSelection(highlights);
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
    branded: video.reelBranded,
    shootout: video.reelShootout,
    shootoutKicks: shootouts(all)[0]?.length ?? 0,
  };
}

/**
 * Queues a reel of one label's highlights (null: every label), the same selection rule within the label.
 * One reel per video, the last one asked for: per-label reels would need a reel table with a status,
 * progress and file per label, and the janitor, trash and purge taught about it, for a file an editor
 * rebuilds in seconds; the video's reelLabel says which label the stored one holds.
 */
export async function requestReel(
  videoId: string,
  label: string | null = null,
  dress: { brand?: boolean; shootout?: boolean } = {},
): Promise<TReelDto> {
  const video = await videoOr404(videoId);
  const { all, highlights } = await labelledHighlights(videoId, label);
  const { items } = reelSelection(highlights);
  if (dress.shootout && shootouts(all).length === 0)
    throw conflict(
      `This video has no shoot-out: that takes ${SHOOTOUT_MIN_KICKS} or more penalty highlights (not rejected), each within ${SHOOTOUT_GAP_S / 60} minutes of the one before`,
    );
  if (items.length === 0 && !dress.shootout)
    throw conflict(
      `There are no ${label === null ? "" : `${label} `}highlights to put in a reel (all rejected)`,
    );
  const nonce = randomUUID();
  const payload = { videoId, label, brand: dress.brand ?? false, shootout: dress.shootout ?? false };
  // Compare-and-set on the status: two clicks queue one build. The job is staged in the same
  // transaction, so a "cutting" reel always has a build on its way (lib/pipeline/outbox.ts).
  await db().$transaction(async (tx) => {
    const requested = await reelLifecycle
      .requested(tx, video.id, {
        reelProgress: 0,
        reelError: null,
        reelJobId: jobIdOf("build-reel", payload, nonce),
      })
      .catch((err) => (err instanceof TransitionError ? false : Promise.reject(err)));
    if (!requested) throw conflict("A reel is already being built");
    await startJob(tx, "reel asked for", "build-reel", payload, { nonce });
  });
  await dispatchSoon();
  return getReel(videoId, label);
}
