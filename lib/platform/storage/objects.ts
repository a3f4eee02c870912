import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  HeadBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Readable } from "node:stream";
import { bucket, s3, s3Public } from "./client";
import { mediaPath, mediaThroughApp } from "./browser-access";
import { dispositionFor, typeForKey } from "./media-types";
import { signingWindow } from "./presign-window";

/** Creates the bucket on first start (MinIO, s3rver); on AWS create it yourself and this only checks. */
export async function ensureBucket(): Promise<"exists" | "created"> {
  try {
    await s3().send(new HeadBucketCommand({ Bucket: bucket() }));
    return "exists";
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await s3().send(new CreateBucketCommand({ Bucket: bucket() }));
    return "created";
  }
}

export async function headObject(key: string): Promise<{ size: number; contentType?: string } | null> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return { size: out.ContentLength ?? 0, contentType: out.ContentType };
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Short-lived GET URL, valid for at least `expiresIn` seconds (at most one signing window longer, see
 * presign-window.ts). `internal` URLs are for the worker's ffmpeg; others go to browsers. The same object
 * gets the same URL for the rest of the window, from a small in-process memo.
 */
export function presignGet(
  key: string,
  opts: { expiresIn?: number; downloadName?: string; internal?: boolean } = {},
): Promise<string> {
  if (!opts.internal && mediaThroughApp()) return Promise.resolve(mediaPath(key, opts.downloadName));
  const { signedAtS, expiresInS, windowS } = signingWindow(Date.now() / 1000, opts.expiresIn ?? 900);
  const id = JSON.stringify([key, opts.downloadName ?? null, Boolean(opts.internal), expiresInS, signedAtS]);
  const hit = signed.get(id);
  if (hit) return hit.url;
  const client = opts.internal ? s3() : s3Public();
  // Browser URLs name the type and disposition themselves, whatever metadata the object carries.
  const type = typeForKey(key);
  const cmd = new GetObjectCommand({
    Bucket: bucket(),
    Key: key,
    ResponseContentType: opts.internal ? undefined : type,
    ResponseContentDisposition: opts.internal ? undefined : dispositionFor(type, opts.downloadName),
  });
  const url = getSignedUrl(client, cmd, { expiresIn: expiresInS, signingDate: new Date(signedAtS * 1000) });
  if (signed.size >= MAX_SIGNED) forgetPastWindows();
  signed.set(id, { url, windowEndS: signedAtS + windowS });
  url.catch(() => signed.delete(id));
  return url;
}

// An entry is asked for again only until its window ends (the window's start is part of its id).
const MAX_SIGNED = 20_000;
const signed = new Map<string, { url: Promise<string>; windowEndS: number }>();
function forgetPastWindows(): void {
  const now = Date.now() / 1000;
  for (const [id, e] of signed) if (e.windowEndS <= now) signed.delete(id);
  if (signed.size >= MAX_SIGNED) signed.clear();
}

export async function getObjectStream(key: string): Promise<Readable> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return out.Body as Readable;
}

export interface ObjectRange {
  body: Readable;
  status: 200 | 206;
  length: number;
  range?: string;
  etag?: string;
  lastModified?: Date;
}

/** A GET with an optional `Range` header passed through; the body streams, nothing is buffered. */
export async function getObjectRange(key: string, range?: string): Promise<ObjectRange | null> {
  try {
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key, Range: range }));
    return {
      body: out.Body as Readable,
      status: out.ContentRange ? 206 : 200,
      length: out.ContentLength ?? 0,
      range: out.ContentRange,
      etag: out.ETag,
      lastModified: out.LastModified,
    };
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export async function getObjectBytes(key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  if (!out.Body) throw new Error(`empty body for ${key}`);
  return out.Body.transformToByteArray();
}

export async function putObject(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }));
}

/** Streams a (possibly large) body to S3 in parts; never buffers the whole thing. */
export async function uploadStream(key: string, body: Readable, contentType: string): Promise<void> {
  await new Upload({
    client: s3(),
    params: { Bucket: bucket(), Key: key, Body: body, ContentType: contentType },
  }).done();
}

export async function deletePrefix(prefix: string): Promise<number> {
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }),
    );
    const objects = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
    if (objects.length > 0) {
      await s3().send(new DeleteObjectsCommand({ Bucket: bucket(), Delete: { Objects: objects } }));
      deleted += objects.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

/** Every object under a prefix (the janitor's inventory). */
export async function listObjects(prefix: string): Promise<ListedObject[]> {
  const out: ListedObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key) out.push({ key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** Deletes these keys (1,000 per request, S3's limit); returns how many were asked to go. */
export async function deleteKeys(keys: string[]): Promise<number> {
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
    await s3().send(new DeleteObjectsCommand({ Bucket: bucket(), Delete: { Objects: batch } }));
  }
  return keys.length;
}

// --- multipart uploads driven by the browser ---
// No ListParts here: s3rver answers it with 405. Resume state is the UploadPart table (prisma schema).

export async function createMultipart(key: string, contentType: string): Promise<string> {
  const out = await s3().send(
    new CreateMultipartUploadCommand({ Bucket: bucket(), Key: key, ContentType: contentType }),
  );
  if (!out.UploadId) throw new Error("S3 did not return an UploadId");
  return out.UploadId;
}

export async function presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
  const cmd = new UploadPartCommand({
    Bucket: bucket(),
    Key: key,
    UploadId: uploadId,
    PartNumber: partNumber,
  });
  return getSignedUrl(s3Public(), cmd, { expiresIn: 3600 });
}

/** Streams one part of a multipart upload to S3 (the app-origin upload path); returns its ETag. */
export async function uploadPartStream(
  key: string,
  uploadId: string,
  partNumber: number,
  body: Readable,
  length: number,
  /** aborts the request to S3 (the body's sender went away) */
  signal?: AbortSignal,
): Promise<string> {
  const out = await s3().send(
    new UploadPartCommand({
      Bucket: bucket(),
      Key: key,
      UploadId: uploadId,
      PartNumber: partNumber,
      Body: body,
      ContentLength: length,
    }),
    { abortSignal: signal },
  );
  if (!out.ETag) throw new Error("S3 did not return an ETag");
  return out.ETag;
}

export async function completeMultipart(
  key: string,
  uploadId: string,
  parts: CompletedPart[],
): Promise<void> {
  await s3().send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket(),
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: [...parts].sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0)) },
    }),
  );
}

export async function abortMultipart(key: string, uploadId: string): Promise<void> {
  try {
    await s3().send(new AbortMultipartUploadCommand({ Bucket: bucket(), Key: key, UploadId: uploadId }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
