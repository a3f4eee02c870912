import { db } from "@/lib/platform/db";
import type { ClipStatus, Prisma } from "../generated/prisma/client";
import { machine } from "../lifecycle/machine";

/**
 * The one place a highlight's clip status (Highlight.clipStatus) and a video's reel status
 * (Video.reelStatus) change. Both are ClipStatus: none (never asked for), cutting (a job is on it),
 * ready (the key points at a complete file), failed.
 */
// A cut or build may start again from anywhere (a trim, a retry, a new request); it may end ready from
// a failed state (a trim undone onto the clip still held, a build finishing after a delete marked it
// failed) and fail from anywhere (a job that gave up before or after it wrote "cutting"). Only `none`
// is never gone back to.
const moves = {
  none: ["cutting", "failed"],
  cutting: ["cutting", "ready", "failed"],
  ready: ["cutting", "ready", "failed"],
  failed: ["cutting", "ready", "failed"],
} as const satisfies Record<ClipStatus, readonly ClipStatus[]>;

export const clipTransitions = moves;
export const reelTransitions = moves;
const clips = machine<ClipStatus>("clip", clipTransitions);
const reels = machine<ClipStatus>("reel", reelTransitions);

type HighlightClient = Pick<Prisma.TransactionClient, "highlight">;
type VideoClient = Pick<Prisma.TransactionClient, "video">;
type ClipFields = Omit<Prisma.HighlightUpdateManyMutationInput, "clipStatus">;
type ReelFields = Omit<Prisma.VideoUpdateManyMutationInput, "reelStatus" | "status">;

/**
 * Compare-and-set on (id, revision, clipStatus): a cut is for one revision of the boundaries, so a row
 * whose revision moved on counts as gone (false), as a missing one does.
 */
function moveClip(
  highlightId: string,
  revision: number,
  to: ClipStatus,
  data: ClipFields,
  client: HighlightClient = db(),
  from?: ClipStatus[],
): Promise<boolean> {
  return clips.move(
    highlightId,
    to,
    {
      set: async (allowed) =>
        (
          await client.highlight.updateMany({
            where: { id: highlightId, revision, clipStatus: { in: allowed } },
            data: { ...data, clipStatus: to },
          })
        ).count,
      current: async () => {
        const row = await client.highlight.findUnique({
          where: { id: highlightId },
          select: { clipStatus: true, revision: true },
        });
        return row && row.revision === revision ? row.clipStatus : null;
      },
    },
    from,
  );
}

export const clipLifecycle = {
  /** A new highlight's clip: `cutting` when its cut is queued in the same transaction, else none. */
  created: (cutting = false): { clipStatus?: ClipStatus } => (cutting ? { clipStatus: "cutting" } : {}),

  /**
   * The editor moved the boundaries of `revision` (the highlight's revision before the edit; the
   * caller's data bumps it): a new cut is queued (cutting), or the stored clip still holds the frames
   * (ready, with `data` pointing clipRevision at the new revision). False: someone else changed it.
   */
  edited: (tx: HighlightClient, highlightId: string, revision: number, kept: boolean, data: ClipFields) =>
    moveClip(highlightId, revision, kept ? "ready" : "cutting", data, tx),

  /** The cut job began on `revision`; false when the boundaries changed since. */
  cutting: (highlightId: string, revision: number) =>
    moveClip(highlightId, revision, "cutting", { clipError: null }),

  /** The new file is in place (inside the swap's transaction, the row locked). */
  ready: (tx: HighlightClient, highlightId: string, revision: number, data: ClipFields) =>
    moveClip(highlightId, revision, "ready", { ...data, clipRevision: revision, clipError: null }, tx),

  /** The cut job gave up on `revision`. */
  failed: (highlightId: string, revision: number, message: string) =>
    moveClip(highlightId, revision, "failed", { clipError: message }),

  /** A deleted video: its cuts under way are stopped with it (worker/jobs/cancel.ts). */
  async withdrawn(tx: HighlightClient, videoId: string, reason: string): Promise<number> {
    const { count } = await tx.highlight.updateMany({
      where: { videoId, clipStatus: { in: clips.only("failed", ["cutting"]) } },
      data: { clipStatus: "failed", clipError: reason },
    });
    return count;
  },

  /** Fixtures and seeds only (a guard test keeps it so): a row placed in a status it never lived through. */
  seed: (clipStatus: ClipStatus) => ({ clipStatus }),
};

function moveReel(
  videoId: string,
  to: ClipStatus,
  data: ReelFields,
  client: VideoClient = db(),
  from?: ClipStatus[],
): Promise<boolean> {
  return reels.move(
    videoId,
    to,
    {
      set: async (allowed) =>
        (
          await client.video.updateMany({
            where: { id: videoId, reelStatus: { in: allowed } },
            data: { ...data, reelStatus: to },
          })
        ).count,
      current: async () =>
        (await client.video.findUnique({ where: { id: videoId }, select: { reelStatus: true } }))
          ?.reelStatus ?? null,
    },
    from,
  );
}

export const reelLifecycle = {
  /**
   * The editor asked for a reel. Two clicks queue one build: a reel already cutting refuses this with
   * TransitionError (the caller answers 409); false when the video is gone.
   */
  requested: (tx: VideoClient, videoId: string, data: ReelFields) =>
    moveReel(videoId, "cutting", data, tx, ["none", "ready", "failed"]),

  /** The build job began (or began again); reelProgress stays so a retry does not send the bar to 0. */
  building: (videoId: string) => moveReel(videoId, "cutting", { reelError: null }),

  ready: (videoId: string, data: ReelFields) => moveReel(videoId, "ready", { ...data, reelError: null }),

  failed: (videoId: string, message: string) => moveReel(videoId, "failed", { reelError: message }),

  /** A deleted video: its build under way is stopped with it. */
  async withdrawn(tx: VideoClient, videoId: string, reason: string): Promise<boolean> {
    const { count } = await tx.video.updateMany({
      where: { id: videoId, reelStatus: { in: reels.only("failed", ["cutting"]) } },
      data: { reelStatus: "failed", reelError: reason },
    });
    return count > 0;
  },

  /** Fixtures and seeds only (a guard test keeps it so). */
  seed: (reelStatus: ClipStatus) => ({ reelStatus }),
};
