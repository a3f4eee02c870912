// Deleting a video moves it to the trash: hidden from every list and page, restorable by its owner or
// an admin for TRASH_DAYS, then removed for good (rows and S3 objects) by the purge-video job.
import { analysisLifecycle } from "../analysis/lifecycle";
import { audit } from "../audit/log";
import { clipLifecycle, reelLifecycle } from "../clips/lifecycle";
import type { SessionUser } from "../auth/session";
import { canAdmin } from "../auth/roles";
import { db } from "@/lib/platform/db";
import { forbidden, notFound } from "@/lib/platform/errors";
import { childLogger } from "@/lib/platform/logger";
import { jobIdOf, queuedJob, startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import type { Prisma } from "../generated/prisma/client";
import { deletePrefix, keys } from "@/lib/platform/storage";
import { videoLifecycle } from "../videos/lifecycle";
import type { TTrashedVideoDto } from "./types";

export const TRASH_DAYS = 30;
const TRASH_MS = TRASH_DAYS * 86_400_000;

// With Redis away the queued purge cannot be removed now; the purge job re-checks the row anyway.
async function dropPurgeJob(videoId: string): Promise<void> {
  try {
    const job = await queuedJob("purge-video", { videoId });
    await job?.remove();
  } catch (err) {
    childLogger({ videoId }).warn({ err: (err as Error).message }, "could not remove the queued purge job");
  }
}

function assertMayChange(user: SessionUser, ownerId: string): void {
  if (!canAdmin(user.role) && ownerId !== user.id) {
    throw forbidden("Only the video's owner or an admin can delete or restore it");
  }
}

export async function trashVideo(user: SessionUser, id: string): Promise<void> {
  const row = await db().video.findFirst({ where: { id, deletedAt: null }, select: { ownerId: true } });
  if (!row) throw notFound("Video");
  assertMayChange(user, row.ownerId);
  const deletedAt = new Date();
  // A video deleted, restored and deleted again gets a fresh 30 days.
  await dropPurgeJob(id);
  await db().$transaction(async (tx) => {
    await tx.video.update({ where: { id }, data: { deletedAt, deletedById: user.id } });
    await audit({ actorId: user.id, action: "video_delete", targetId: id }, tx);
    await stopWork(tx, id);
    // …and an earlier purge still waiting in the outbox would carry the earlier time.
    await tx.outboxJob.deleteMany({
      where: { name: "purge-video", jobId: jobIdOf("purge-video", { videoId: id }) },
    });
    await startJob(tx, "video trashed", "purge-video", { videoId: id }, { delayMs: TRASH_MS });
  });
  await dispatchSoon();
}

/**
 * A delete cancels the video's running and queued jobs (each checks its cancelledBy, worker/jobs/cancel.ts,
 * within seconds): nothing may then stay "running" or "cutting" with no job behind it. What the stopped
 * analysis wrote has no use; the janitor removes the objects of failed analyses.
 */
async function stopWork(tx: Prisma.TransactionClient, id: string): Promise<void> {
  const reason = "Stopped because the video was deleted";
  await videoLifecycle.withdrawn(id, tx);
  await analysisLifecycle.stopped(tx, id, reason);
  await reelLifecycle.withdrawn(tx, id, reason);
  await clipLifecycle.withdrawn(tx, id, reason);
}

export async function restoreVideo(user: SessionUser, id: string): Promise<void> {
  const row = await db().video.findFirst({
    where: { id, deletedAt: { not: null } },
    select: { ownerId: true },
  });
  if (!row) throw notFound("Trashed video");
  assertMayChange(user, row.ownerId);
  await db().$transaction(async (tx) => {
    await tx.video.update({ where: { id }, data: { deletedAt: null, deletedById: null } });
    await audit({ actorId: user.id, action: "video_restore", targetId: id }, tx);
  });
  // The purge job also re-checks the row, so a job that could not be removed here does no harm.
  await dropPurgeJob(id).catch(() => undefined);
}

/** What the caller may restore: admins see the whole trash, others their own videos. */
export async function listTrash(user: SessionUser): Promise<TTrashedVideoDto[]> {
  const rows = await db().video.findMany({
    where: { deletedAt: { not: null }, ...(canAdmin(user.role) ? {} : { ownerId: user.id }) },
    include: { owner: { select: { id: true, name: true } } },
    orderBy: { deletedAt: "desc" },
    take: 500,
  });
  const names = new Map(
    (
      await db().user.findMany({
        where: { id: { in: rows.flatMap((r) => (r.deletedById ? [r.deletedById] : [])) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u]),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    owner: r.owner,
    deletedAt: r.deletedAt!.toISOString(),
    deletedBy: (r.deletedById && names.get(r.deletedById)) || null,
    purgeAt: new Date(r.deletedAt!.getTime() + TRASH_MS).toISOString(),
  }));
}

/**
 * Removes a trashed video for good once its time is up. Returns false (and does nothing) when the video
 * is gone, was restored, or is not due yet — the job may run late, early after a re-delete, or twice.
 */
export async function purgeVideo(id: string, now = new Date()): Promise<boolean> {
  const row = await db().video.findUnique({
    where: { id },
    select: { id: true, sourceKey: true, deletedAt: true },
  });
  if (!row?.deletedAt || row.deletedAt.getTime() + TRASH_MS > now.getTime()) return false;
  await removeVideoForGood(row, null);
  return true;
}

/** Rows, then objects; for the purge job and for tools that clean up what they made (bench). */
export async function removeVideoForGood(
  row: { id: string; sourceKey: string },
  actorId: string | null,
): Promise<void> {
  const id = row.id;
  // Rows first: once they are gone nothing points at the objects even if S3 cleanup lags.
  await db().$transaction(async (tx) => {
    await tx.upload.deleteMany({ where: { videoId: id } });
    await tx.video.delete({ where: { id } });
    await audit({ actorId, action: "video_purge", targetId: id }, tx);
  });
  const removed = (await deletePrefix(keys.videoPrefix(id))) + (await deletePrefix(row.sourceKey));
  childLogger({ videoId: id }).info({ removed }, "video removed for good");
}
