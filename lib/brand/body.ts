import { badRequest, tooLarge } from "@/lib/platform/errors";

/** A raw request body read whole, refused (413) as soon as it passes `max` bytes: never buffered beyond it. */
export async function readCappedBody(req: Request, max: number, what: string): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const mb = `${(max / 1024 / 1024).toFixed(0)} MB`;
  if (Number.isFinite(declared) && declared > max) throw tooLarge(`The ${what} is too large: at most ${mb}`);
  if (!req.body) throw badRequest(`Send the ${what} file as the request body`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge(`The ${what} is too large: at most ${mb}`);
    }
    chunks.push(value);
  }
  if (total === 0) throw badRequest(`Send the ${what} file as the request body`);
  return Buffer.concat(chunks);
}
