import { S3Client } from "@aws-sdk/client-s3";
import { env } from "@/lib/platform/env";

let internal: S3Client | undefined;
let external: S3Client | undefined;

function make(endpoint: string): S3Client {
  const e = env();
  return new S3Client({
    region: e.S3_REGION,
    endpoint,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY },
    // Checksums on every request are the v3 SDK default; MinIO and s3rver reject some of them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** Client for server-side calls (worker, route handlers). */
export function s3(): S3Client {
  internal ??= make(env().S3_ENDPOINT);
  return internal;
}

/** Client used only to sign URLs that a browser will call. */
export function s3Public(): S3Client {
  const pub = env().S3_PUBLIC_ENDPOINT;
  if (!pub) return s3();
  external ??= make(pub);
  return external;
}

export function bucket(): string {
  return env().S3_BUCKET;
}
