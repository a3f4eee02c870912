import { Readable } from "node:stream";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/errors";
import { mediaKeyOr404 } from "@/lib/videos/find";
import { dispositionFor, getObjectRange, isReadableKey, mediaThroughApp, typeForKey } from "@/lib/storage";

// Media for browsers when storage is the embedded s3rver (lib/storage/browser-access.ts): the session is
// checked by the wrapper, Range requests pass through to S3 (seeking, video.js), and the body streams
// from S3 to the client without being held in memory.
export const GET = route({}, async ({ req, params }) => {
  if (!mediaThroughApp()) throw notFound("Media");
  const parts = Array.isArray(params.key) ? params.key : [params.key ?? ""];
  const key = parts.map((p) => decodeURIComponent(p)).join("/");
  if (!isReadableKey(key)) throw notFound("Media");
  // A trashed video's objects are kept for a restore, but its old links stop working.
  await mediaKeyOr404(key);
  const range = req.headers.get("range") ?? undefined;
  const obj = await getObjectRange(key, range && /^bytes=\d*-\d*$/.test(range) ? range : undefined).catch(
    (err: unknown) => {
      if ((err as { name?: string }).name === "InvalidRange") return "invalid-range" as const;
      throw err;
    },
  );
  if (obj === "invalid-range") return new Response(null, { status: 416 });
  if (!obj) throw notFound("Media");
  const type = typeForKey(key);
  const download = req.nextUrl.searchParams.get("download") ?? undefined;
  const headers = new Headers({
    "Content-Type": type,
    "Content-Disposition": dispositionFor(type, download),
    "Content-Length": String(obj.length),
    "Accept-Ranges": "bytes",
    // Private: a shared cache must not hand one user's session-checked media to another.
    "Cache-Control": "private, max-age=300",
  });
  if (obj.range) headers.set("Content-Range", obj.range);
  if (obj.etag) headers.set("ETag", obj.etag);
  if (obj.lastModified) headers.set("Last-Modified", obj.lastModified.toUTCString());
  const body = Readable.toWeb(obj.body) as ReadableStream<Uint8Array>;
  return new Response(body, { status: obj.status, headers });
});
