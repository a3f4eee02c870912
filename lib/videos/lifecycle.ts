import { db } from "@/lib/platform/db";
import type { Prisma, VideoStatus } from "../generated/prisma/client";
import { machine } from "../lifecycle/machine";
import { advance, etaSeconds } from "../status/progress";

/**
 * The one place a Video's status changes. Every writer (upload, probe, analyze, finalize, the failure
 * hooks) goes through here, so the allowed moves are one table and an illegal one is refused the same
 * way everywhere.
 */
export const videoTransitions = {
  queued: ["processing", "failed"],
  processing: ["processing", "ready", "failed"],
  // A new analysis of a ready video (the previous one stays current until it completes); a finaliser
  // retried after its commit finds the video ready already.
  // The editor's re-analysis (lib/videos/reanalyze.ts) starts a ready, failed or analysing video over:
  // from the analysis (processing) or, never probed, from the probe (queued). Nothing else revives a
  // failed one.
  ready: ["processing", "ready", "failed", "queued"],
  failed: ["failed", "processing", "queued"],
} as const satisfies Record<VideoStatus, readonly VideoStatus[]>;

export const initialVideoStatus: VideoStatus = "queued";

/** A step starts from nothing: no fraction, no measured rate, no time left. */
const noProgress = { progress: 0, etaSeconds: null, progressAt: null, progressRate: null };

const videos = machine("video", videoTransitions);
export const canTransition = videos.can;
/** The statuses a video may be in to move to `to`. */
export const sourcesOf = videos.sourcesOf;

type Client = Pick<Prisma.TransactionClient, "video">;
type Fields = Omit<Prisma.VideoUpdateManyMutationInput, "status">;

/**
 * Compare-and-set on the status (lib/lifecycle/machine.ts), so a concurrent writer cannot slip an
 * illegal move in between a read and a write. Returns false when the video is gone (handlers then stop
 * quietly, as for a missing row); a refused move throws TransitionError.
 */
function move(
  videoId: string,
  to: VideoStatus,
  data: Fields,
  { client = db(), from }: { client?: Client; from?: VideoStatus[] } = {},
): Promise<boolean> {
  return videos.move(
    videoId,
    to,
    {
      set: async (allowed) =>
        (
          await client.video.updateMany({
            where: { id: videoId, status: { in: allowed } },
            data: { ...data, status: to },
          })
        ).count,
      current: async () =>
        (await client.video.findUnique({ where: { id: videoId }, select: { status: true } }))?.status ?? null,
    },
    from,
  );
}

export type ProbedFields = Pick<
  Prisma.VideoUpdateManyMutationInput,
  | "durationS"
  | "fps"
  | "width"
  | "height"
  | "rotation"
  | "videoCodec"
  | "audioCodec"
  | "hasAudio"
  | "bitrate"
  | "posterKey"
  | "playback"
  | "playbackReason"
  | "proxyPieces"
>;

export const videoLifecycle = {
  /** A new video (an upload completed, a live recording finished): queued for its probe. */
  created: (): { status: VideoStatus } => ({ status: initialVideoStatus }),

  /** Fixtures and seeds only (a guard test keeps it so): a row placed in a status it never lived through. */
  seed: (status: VideoStatus) => ({ status }),

  /** ffprobe read it: the media facts are stored and analysis is next. */
  probed: (videoId: string, info: ProbedFields, client?: Client) =>
    move(
      videoId,
      "processing",
      { ...info, stage: "queued for analysis", ...noProgress, error: null },
      { from: ["queued", "processing"], client },
    ),

  analyzing: (videoId: string) =>
    move(videoId, "processing", { stage: "analyzing", ...noProgress }, { from: ["processing", "ready"] }),

  /**
   * The editor asked for a new analysis: from the analysis if the video was probed, else from the probe.
   * A probed video may be processing: reanalyze.ts stopped its running analysis in the same transaction.
   */
  restart: (videoId: string, probed: boolean, client?: Client) =>
    probed
      ? move(
          videoId,
          "processing",
          { stage: "queued for analysis", ...noProgress, error: null },
          { from: ["ready", "failed", "processing"], client },
        )
      : move(
          videoId,
          "queued",
          { stage: null, ...noProgress, error: null },
          { from: ["ready", "failed"], client },
        ),

  /**
   * Highlights are in; runs inside the finaliser's transaction so both land together. `warning`: the
   * part of the video the analysis could not decode (lib/analysis/coverage.ts), null when it saw all.
   */
  ready: (videoId: string, tx: Client, warning: string | null = null) =>
    move(
      videoId,
      "ready",
      { stage: null, progress: 1, etaSeconds: null, error: null, warning },
      { client: tx },
    ),

  /** Shown on the library card; the source object stays so nothing the editor uploaded is lost. */
  failed: (videoId: string, message: string) =>
    move(videoId, "failed", { error: message, stage: null, etaSeconds: null }),

  /**
   * Deleted while queued or processing: the runtime cancels its jobs (worker/jobs/cancel.ts), so it
   * must not stay "processing" with nothing behind it; a restore then offers Re-analyse. A ready or
   * failed video is left as it is. Returns whether it moved.
   */
  async withdrawn(videoId: string, client: Client): Promise<boolean> {
    const { count } = await client.video.updateMany({
      where: { id: videoId, status: { in: ["queued", "processing"] } },
      data: {
        status: "failed",
        error: "Processing stopped because the video was deleted; choose Re-analyse to run it again",
        stage: null,
        etaSeconds: null,
      },
    });
    return count > 0;
  },

  /**
   * Stage and fraction of the running step. Only while the video is still on its way: progress that
   * arrives after it is ready or failed (a slow chunk's last report) is dropped, not an error. Within a
   * stage the fraction never goes down, and time left comes from the rate it rose at
   * (lib/status/progress.ts); `started`: a worker just began (or began again) this step. The row is
   * locked for the read and the write, so chunks reporting at once on several workers keep one rate.
   */
  async progress(videoId: string, stage: string, fraction: number, started = false) {
    await db().$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<ProgressRow[]>`
        SELECT stage, progress, "progressAt", "progressRate" FROM "Video"
        WHERE id = ${videoId}::uuid AND status IN ('queued', 'processing') FOR UPDATE`;
      if (!row) return;
      const now = Date.now();
      const prev =
        row.stage === stage && row.progressAt
          ? { fraction: row.progress, at: row.progressAt.getTime(), rate: row.progressRate }
          : null;
      const mark = advance(prev, fraction, now, started);
      await tx.video.updateMany({
        where: { id: videoId, status: { in: ["queued", "processing"] } },
        data: {
          status: "processing",
          stage,
          progress: mark.fraction,
          progressAt: new Date(mark.at),
          progressRate: mark.rate,
          etaSeconds: etaSeconds(mark, now),
        },
      });
    });
  },
};

interface ProgressRow {
  stage: string | null;
  progress: number;
  progressAt: Date | null;
  progressRate: number | null;
}
