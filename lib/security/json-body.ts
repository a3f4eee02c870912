import { z } from "zod";
import { AppError, ClientClosedError, tooLarge } from "@/lib/platform/errors";

/** Largest JSON body any route accepts; the biggest real one (a part list of 10,000 ETags) is ~700 kB. */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Reads a request body as JSON without ever holding more than MAX_JSON_BYTES: a declared length over the
 * cap is refused before reading, and an undeclared (chunked) one is cut off as soon as it passes it.
 */
export async function readJsonBody(req: Request, max = MAX_JSON_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > max) throw tooLarge(bodyTooLarge(max));
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      // The body's stream fails only when the client's connection does (a closed tab, a timeout).
      const { done, value } = await reader.read().catch((err: unknown) => {
        throw new ClientClosedError(err);
      });
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(bodyTooLarge(max));
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError(400, "Request body is not valid UTF-8", "bad_json");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, "Request body must be JSON", "bad_json");
  }
}

const bodyTooLarge = (max: number) => `Request body is larger than ${Math.round(max / 1024)} kB`;

// PostgreSQL text cannot hold U+0000 (error 22021) and a lone UTF-16 surrogate cannot be encoded as
// UTF-8, so such strings are refused here, with their path, before any schema or database sees them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function badStringReason(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain NUL characters";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode text";
  return null;
}

function walk(value: unknown, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (typeof value === "string") {
    const reason = badStringReason(value);
    if (reason) ctx.addIssue({ code: "custom", message: reason, path, input: value });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, i], ctx));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const reason = badStringReason(k);
      if (reason) ctx.addIssue({ code: "custom", message: `key ${reason}`, path, input: k });
      walk(v, [...path, k], ctx);
    }
  }
}

/** Any JSON whose strings (values and keys) PostgreSQL and UTF-8 can store. */
export const ZStorableJson = z.unknown().superRefine((v, ctx) => walk(v, [], ctx));
