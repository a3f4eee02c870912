import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/platform/errors";
import { mediaKeyOr404 } from "@/lib/videos/find";
import { isReadableKey, mediaThroughApp, objectResponse } from "@/lib/platform/storage";

// Media for browsers when storage is the embedded s3rver (lib/platform/storage/browser-access.ts): the session is
// checked by the wrapper, Range requests pass through to S3 (seeking, video.js), and the body streams
// from S3 to the client without being held in memory.
export const GET = route({}, async ({ req, params }) => {
  if (!mediaThroughApp()) throw notFound("Media");
  const parts = Array.isArray(params.key) ? params.key : [params.key ?? ""];
  const key = parts.map((p) => decodeURIComponent(p)).join("/");
  if (!isReadableKey(key)) throw notFound("Media");
  // A trashed video's objects are kept for a restore, but its old links stop working.
  await mediaKeyOr404(key);
  const res = await objectResponse(key, req, {
    download: req.nextUrl.searchParams.get("download") ?? undefined,
    // Private: a shared cache must not hand one user's session-checked media to another.
    cache: "private, max-age=300",
  });
  if (!res) throw notFound("Media");
  return res;
});
