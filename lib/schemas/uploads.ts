import { z } from "zod";

// S3 allows at most 10,000 parts per multipart upload.
export const MAX_PARTS = 10_000;
export const PRESIGN_BATCH = 20;

export const ZCreateUpload = z.object({
  fileName: z.string().trim().min(1).max(255, "File name is too long (255 characters at most)"),
  size: z.number().int().positive("The file is empty"),
  lastModified: z.number().int().nonnegative(),
  contentType: z.string().max(255).default(""),
});
export type TCreateUpload = z.infer<typeof ZCreateUpload>;

export const ZPartNumber = z.number().int().min(1).max(MAX_PARTS);

export const ZPresignParts = z.object({
  partNumbers: z.array(ZPartNumber).min(1).max(PRESIGN_BATCH),
});
export type TPresignParts = z.infer<typeof ZPresignParts>;

export const ZRecordParts = z.object({
  parts: z
    .array(
      z.object({
        partNumber: ZPartNumber,
        etag: z.string().min(1).max(200),
        size: z.number().int().positive(),
      }),
    )
    .min(1)
    .max(PRESIGN_BATCH),
});
export type TRecordParts = z.infer<typeof ZRecordParts>;

export const ZCompleteUpload = z.object({
  parts: z
    .array(z.object({ partNumber: ZPartNumber, etag: z.string().min(1).max(200) }))
    .min(1)
    .max(MAX_PARTS),
});
export type TCompleteUpload = z.infer<typeof ZCompleteUpload>;

export interface TStoredPart {
  partNumber: number;
  etag: string;
  size: number;
}

/** What POST /api/uploads returns, for a new upload or one being resumed. */
export interface TUploadSession {
  id: string;
  fileName: string;
  size: number;
  partSize: number;
  resumed: boolean;
  parts: TStoredPart[];
}

export interface TPresignedParts {
  urls: { partNumber: number; url: string }[];
}

export interface TCompletedUpload {
  videoId: string;
}

/** An upload the server still holds open for the caller: a reload or a crash left it unfinished. */
export interface TActiveUpload {
  id: string;
  fileName: string;
  size: number;
  storedBytes: number;
  createdAt: string;
}
