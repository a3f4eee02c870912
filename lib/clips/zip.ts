import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { childLogger } from "@/lib/platform/logger";
import { getObjectStream } from "@/lib/platform/storage";

/**
 * A ZIP of S3 objects as a web stream. Entries are opened lazily, one S3 GET at a time, and piped
 * through: memory stays at a few buffers whatever the total size. Stored, not deflated: MP4 does not
 * compress, and storing keeps the CPU idle.
 */
export function zipObjects(
  entries: { name: string; key: string }[],
  context: Record<string, unknown>,
): ReadableStream<Uint8Array> {
  const zip = new ZipFile();
  for (const e of entries) {
    zip.addReadStreamLazy(e.name, { compress: false }, (cb) => {
      getObjectStream(e.key).then(
        (s) => cb(null, s),
        (err: unknown) => {
          childLogger({ ...context, key: e.key }).error({ err }, "zip entry could not be read");
          cb(err, Readable.from([]));
        },
      );
    });
  }
  zip.end();
  return Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>;
}
