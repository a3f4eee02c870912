import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { abortMultipart, deleteKeys } from "@/lib/platform/storage";
import { janitorReport } from "./report";

export interface JanitorResult {
  expiredUploads: number;
  /** expired uploads whose multipart upload the S3 server could not abort (s3rver: 405) */
  abortUnsupported: number;
  deletedObjects: number;
  deletedBytes: number;
}

/** Expires abandoned uploads and deletes orphaned objects (the janitor job; lib/janitor/report.ts). */
export async function runJanitor(now = new Date()): Promise<JanitorResult> {
  const log = childLogger({ job: "janitor" });
  const report = await janitorReport(now, Infinity);
  let abortUnsupported = 0;
  for (const u of report.expiredUploads) {
    try {
      await abortMultipart(u.key, u.s3UploadId);
    } catch (err) {
      // Parts left behind are what a bucket lifecycle rule (AbortIncompleteMultipartUpload) is for.
      abortUnsupported++;
      log.warn({ uploadId: u.id, err: (err as Error).message }, "storage could not abort the upload");
    }
    await db().upload.updateMany({ where: { id: u.id, status: "active" }, data: { status: "aborted" } });
  }
  const deletedObjects = await deleteKeys(report.orphans.map((o) => o.key));
  const result = {
    expiredUploads: report.expiredUploads.length,
    abortUnsupported,
    deletedObjects,
    deletedBytes: report.orphanBytes,
  };
  log.info(result, "janitor done");
  return result;
}

/** The janitor's time slot: one run per JANITOR_INTERVAL_H, and how long until the next one starts. */
export function janitorSlot(intervalH: number, nowMs = Date.now()): { slot: number; nextInMs: number } {
  const period = intervalH * 3600_000;
  const slot = Math.floor(nowMs / period);
  return { slot, nextInMs: (slot + 1) * period - nowMs };
}
