import { Readable } from "node:stream";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest, ClientClosedError } from "@/lib/platform/errors";
import { ZPartNumber } from "@/lib/schemas/uploads";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { storePart } from "@/lib/uploads/service";

const ZPart = z.coerce.number().pipe(ZPartNumber);

// One part's bytes, streamed to S3, when browsers upload through the app (embedded S3 default; see
// lib/platform/storage/browser-access.ts). `?partNumber=N` and the ETag answer mirror S3's UploadPart, so the
// browser's upload engine treats both paths alike.
export const PUT = route({ role: "editor", rawBody: true }, async ({ req, user, params }) => {
  const { id } = paramsOf(ZIdParams, params);
  const parsed = ZPart.safeParse(req.nextUrl.searchParams.get("partNumber"));
  if (!parsed.success) throw badRequest("partNumber must be a part number (1–10000)");
  const part = parsed.data;
  const length = Number(req.headers.get("content-length") ?? NaN);
  if (!Number.isInteger(length) || length <= 0 || !req.body)
    throw badRequest("Send the part with its Content-Length");
  const body = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  // The S3 client pipes the body, and a pipe does not pass its source's errors on: a client that goes
  // away mid-part would be an uncaught exception and an S3 request waiting for bytes that never come.
  const closed = new AbortController();
  body.once("error", (err) => closed.abort(new ClientClosedError(err)));
  const etag = await storePart(user, id, part, body, length, closed.signal).then(
    (r) => r.etag,
    (err: unknown) => {
      throw closed.signal.aborted ? closed.signal.reason : err;
    },
  );
  // The wrapper adds the API security headers (this route is outside proxy.ts).
  return new Response(null, { status: 200, headers: { ETag: etag, "Cache-Control": "no-store" } });
});
