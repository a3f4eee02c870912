import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { SessionUser } from "../auth/session";
import { canAdmin } from "../auth/roles";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { AppError, badRequest, conflict, notFound, tooLarge } from "@/lib/platform/errors";
import { childLogger } from "@/lib/platform/logger";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import { videoLifecycle } from "../videos/lifecycle";
import type {
  TCompleteUpload,
  TCompletedUpload,
  TCreateUpload,
  TPresignedParts,
  TActiveUpload,
  TRecordParts,
  TUploadSession,
} from "../schemas/uploads";
import {
  abortMultipart,
  completeMultipart,
  createMultipart,
  deletePrefix,
  extOf,
  headObject,
  keys,
  mediaThroughApp,
  OPAQUE_TYPE,
  partPath,
  presignPart,
  uploadPartStream,
} from "@/lib/platform/storage";
import { choosePartSize, expectedPartSize, partCount } from "./part-size";
import { formatBytes, titleFromFileName } from "./names";

export const fingerprintOf = (f: Pick<TCreateUpload, "fileName" | "size" | "lastModified">) =>
  `${f.fileName}:${f.size}:${f.lastModified}`;

export async function listActiveUploads(user: SessionUser): Promise<TActiveUpload[]> {
  const rows = await db().upload.findMany({
    where: { userId: user.id, status: "active" },
    include: { parts: { select: { size: true } } },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return rows.map((u) => ({
    id: u.id,
    fileName: u.fileName,
    size: Number(u.size),
    storedBytes: u.parts.reduce((sum, p) => sum + p.size, 0),
    createdAt: u.createdAt.toISOString(),
  }));
}

/** Starts a multipart upload, or resumes the caller's active one for the same file. */
export async function startUpload(user: SessionUser, input: TCreateUpload): Promise<TUploadSession> {
  const max = env().MAX_UPLOAD_BYTES;
  if (input.size > max) {
    throw tooLarge(
      `${input.fileName} is ${formatBytes(input.size)}; the upload limit is ${formatBytes(max)}`,
    );
  }
  const fingerprint = fingerprintOf(input);
  const existing = await db().upload.findFirst({
    where: { userId: user.id, fingerprint, status: "active" },
    orderBy: { createdAt: "desc" },
  });
  if (existing) {
    // The UploadPart rows, not the browser's memory, say what is stored (s3rver has no ListParts).
    const parts = await db().uploadPart.findMany({
      where: { uploadId: existing.id },
      select: { partNumber: true, etag: true, size: true },
      orderBy: { partNumber: "asc" },
    });
    return { ...sessionOf(existing), resumed: true, parts };
  }

  const id = randomUUID();
  const key = keys.uploadStaging(id, extOf(input.fileName));
  const partSize = choosePartSize(input.size, env().UPLOAD_PART_BYTES);
  // The browser's claimed type is ignored: the object is stored opaque and served with the type the
  // server derives (lib/platform/storage/media-types.ts), so a file declared text/html is never served as HTML.
  const s3UploadId = await createMultipart(key, OPAQUE_TYPE);
  const row = await db().upload.create({
    data: {
      id,
      userId: user.id,
      fingerprint,
      fileName: input.fileName,
      size: BigInt(input.size),
      partSize,
      key,
      s3UploadId,
    },
  });
  return { ...sessionOf(row), resumed: false, parts: [] };
}

export async function presignParts(
  user: SessionUser,
  uploadId: string,
  partNumbers: number[],
): Promise<TPresignedParts> {
  const upload = await activeUploadOf(user, uploadId);
  const count = partCount(Number(upload.size), upload.partSize);
  const bad = partNumbers.find((n) => n > count);
  if (bad !== undefined) throw badRequest(`Part ${bad} is out of range: this upload has ${count} parts`);
  const unique = [...new Set(partNumbers)];
  const urls = await Promise.all(
    unique.map(async (partNumber) => ({
      partNumber,
      url: mediaThroughApp()
        ? partPath(upload.id, partNumber)
        : await presignPart(upload.key, upload.s3UploadId, partNumber),
    })),
  );
  return { urls };
}

/** The browser reports each part S3 accepted; a reloaded page resumes from these. */
export async function recordParts(user: SessionUser, uploadId: string, input: TRecordParts): Promise<void> {
  const upload = await activeUploadOf(user, uploadId);
  const size = Number(upload.size);
  for (const p of input.parts) {
    const expected = expectedPartSize(size, upload.partSize, p.partNumber);
    if (p.size !== expected) {
      throw badRequest(`Part ${p.partNumber} should be ${expected} bytes, not ${p.size}`);
    }
  }
  await db().$transaction(
    input.parts.map((p) =>
      db().uploadPart.upsert({
        where: { uploadId_partNumber: { uploadId: upload.id, partNumber: p.partNumber } },
        create: { uploadId: upload.id, partNumber: p.partNumber, etag: p.etag, size: p.size },
        update: { etag: p.etag, size: p.size },
      }),
    ),
  );
}

export async function completeUpload(
  user: SessionUser,
  uploadId: string,
  input: TCompleteUpload,
): Promise<TCompletedUpload> {
  const row = await ownUpload(user, uploadId);
  // A retried request after a lost response: the work is already done.
  if (row.status === "completed" && row.videoId) return { videoId: row.videoId };
  const upload = await activeUploadOf(user, uploadId);
  const size = Number(upload.size);
  const count = partCount(size, upload.partSize);
  const numbers = new Set(input.parts.map((p) => p.partNumber));
  if (numbers.size !== input.parts.length || numbers.size !== count || [...numbers].some((n) => n > count)) {
    throw badRequest(`Upload is incomplete: expected parts 1–${count}, got ${numbers.size} distinct parts`);
  }

  try {
    await completeMultipart(
      upload.key,
      upload.s3UploadId,
      input.parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
    );
  } catch (err) {
    const name = (err as { name?: string }).name ?? "";
    if (["InvalidPart", "InvalidPartOrder", "EntityTooSmall", "NoSuchUpload"].includes(name)) {
      // The recorded parts cannot be trusted any more: the next attempt starts from scratch.
      await abortMultipart(upload.key, upload.s3UploadId).catch(() => undefined);
      await db().upload.update({ where: { id: upload.id }, data: { status: "aborted" } });
      throw new AppError(
        409,
        `Storage rejected the upload (${name}); please upload the file again`,
        "s3_rejected",
      );
    }
    throw err;
  }

  const head = await headObject(upload.key);
  if (!head || head.size !== size) {
    await deletePrefix(upload.key);
    await db().upload.update({ where: { id: upload.id }, data: { status: "aborted" } });
    throw new AppError(
      422,
      `Stored file is ${formatBytes(head?.size ?? 0)} but ${formatBytes(size)} was declared; please upload again`,
      "size_mismatch",
    );
  }

  const video = await db().$transaction(async (tx) => {
    const created = await tx.video.create({
      data: {
        title: titleFromFileName(upload.fileName),
        originalName: upload.fileName,
        sourceKey: upload.key,
        size: upload.size,
        ownerId: user.id,
        ...videoLifecycle.created(),
      },
    });
    await tx.upload.update({ where: { id: upload.id }, data: { status: "completed", videoId: created.id } });
    // In the same transaction: with Redis away the probe waits in the outbox instead of being lost.
    await startJob(tx, "upload complete", "probe", { videoId: created.id });
    return created;
  });
  await dispatchSoon();
  return { videoId: video.id };
}

export async function abortUpload(user: SessionUser, uploadId: string): Promise<void> {
  const upload = await db().upload.findUnique({ where: { id: uploadId } });
  if (!upload || (upload.userId !== user.id && !canAdmin(user.role))) throw notFound("Upload");
  if (upload.status === "completed") throw conflict("This upload has already finished");
  if (upload.status === "aborted") return;
  try {
    await abortMultipart(upload.key, upload.s3UploadId);
  } catch (err) {
    // s3rver answers AbortMultipartUpload with 405. The user's cancel must still stick; orphaned parts
    // are what a bucket lifecycle rule (AbortIncompleteMultipartUpload) is for.
    childLogger({ uploadId }).warn({ err }, "could not abort multipart upload in storage");
  }
  await db().upload.update({ where: { id: upload.id }, data: { status: "aborted" } });
}

/**
 * The app-origin upload path (embedded S3): one part's bytes streamed from the browser to S3, checked
 * against the size this part must have before anything is sent on.
 */
export async function storePart(
  user: SessionUser,
  uploadId: string,
  partNumber: number,
  body: Readable,
  length: number,
  signal?: AbortSignal,
): Promise<{ etag: string }> {
  const upload = await activeUploadOf(user, uploadId);
  const count = partCount(Number(upload.size), upload.partSize);
  if (partNumber > count)
    throw badRequest(`Part ${partNumber} is out of range: this upload has ${count} parts`);
  const expected = expectedPartSize(Number(upload.size), upload.partSize, partNumber);
  if (length !== expected) throw badRequest(`Part ${partNumber} should be ${expected} bytes, not ${length}`);
  return { etag: await uploadPartStream(upload.key, upload.s3UploadId, partNumber, body, length, signal) };
}

async function ownUpload(user: SessionUser, uploadId: string) {
  const upload = await db().upload.findUnique({ where: { id: uploadId } });
  // Someone else's upload reads as missing: its id says nothing about whether it exists.
  if (!upload || upload.userId !== user.id) throw notFound("Upload");
  return upload;
}

async function activeUploadOf(user: SessionUser, uploadId: string) {
  const upload = await ownUpload(user, uploadId);
  if (upload.status !== "active") throw conflict(`This upload was ${upload.status}; start it again`);
  return upload;
}

function sessionOf(row: { id: string; fileName: string; size: bigint; partSize: number }) {
  return { id: row.id, fileName: row.fileName, size: Number(row.size), partSize: row.partSize };
}
