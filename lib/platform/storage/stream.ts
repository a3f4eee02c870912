import { Readable } from "node:stream";
import { dispositionFor, typeForKey } from "./media-types";
import { getObjectRange } from "./objects";

/**
 * One stored object as a response: Range passes through to S3 (seeking, video.js), the body streams
 * without being held in memory, the type comes from our own key name. null: no such object. Shared by
 * the signed-in media route and the share-link media route.
 */
export async function objectResponse(
  key: string,
  req: { headers: Headers },
  opts: { download?: string; cache: string },
): Promise<Response | null> {
  const range = req.headers.get("range") ?? undefined;
  const obj = await getObjectRange(key, range && /^bytes=\d*-\d*$/.test(range) ? range : undefined).catch(
    (err: unknown) => {
      if ((err as { name?: string }).name === "InvalidRange") return "invalid-range" as const;
      throw err;
    },
  );
  if (obj === "invalid-range") return new Response(null, { status: 416 });
  if (!obj) return null;
  const type = typeForKey(key);
  const headers = new Headers({
    "Content-Type": type,
    "Content-Disposition": dispositionFor(type, opts.download),
    "Content-Length": String(obj.length),
    "Accept-Ranges": "bytes",
    "Cache-Control": opts.cache,
  });
  if (obj.range) headers.set("Content-Range", obj.range);
  if (obj.etag) headers.set("ETag", obj.etag);
  if (obj.lastModified) headers.set("Last-Modified", obj.lastModified.toUTCString());
  const body = Readable.toWeb(obj.body) as ReadableStream<Uint8Array>;
  return new Response(body, { status: obj.status, headers });
}
