import { env } from "@/lib/platform/env";

// How browsers reach stored objects. With the embedded default (no S3_PUBLIC_ENDPOINT and an S3 server
// on loopback, i.e. s3rver, which checks no signatures and listens on 127.0.0.1 only) they go through
// the app's own origin: /api/media streams objects after a session check and /api/uploads/<id>/part
// streams upload parts, so the app works from any machine that reaches the app, and nothing reaches
// s3rver unauthenticated. With a real S3 browsers get short-lived presigned URLs straight to it.

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

export function mediaThroughApp(): boolean {
  const e = env();
  return !e.S3_PUBLIC_ENDPOINT && LOOPBACK.test(new URL(e.S3_ENDPOINT).hostname);
}

/** Only these prefixes hold media a browser may read (keys.ts); anything else is not served. */
const READABLE = /^(videos|uploads|live)\/[\w./-]+$/;

export const isReadableKey = (key: string) => READABLE.test(key) && !key.split("/").includes("..");

export function mediaPath(key: string, downloadName?: string): string {
  const q = downloadName ? `?download=${encodeURIComponent(downloadName)}` : "";
  return `/api/media/${key.split("/").map(encodeURIComponent).join("/")}${q}`;
}

export const partPath = (uploadId: string, partNumber: number) =>
  `/api/uploads/${uploadId}/part?partNumber=${partNumber}`;

/** Origins a browser talks to directly for media and uploads (for the CSP); none when they go through us. */
export function browserMediaOrigins(): string[] {
  if (mediaThroughApp()) return [];
  const e = env();
  return [new URL(e.S3_PUBLIC_ENDPOINT ?? e.S3_ENDPOINT).origin];
}
