// HTTP for playlists and segments: node:http(s) behind the address guard, with a timeout, errors an
// editor can read, and retries with doubling backoff for the failures that can heal (timeouts, connection errors, 404 at the live
// edge — some origins list a segment a moment before it is servable — and 5xx).

import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import {
  assertFetchableUrl,
  guardedLookup,
  RefusedUrlError,
  REFUSED_URL_MESSAGE,
  type GuardOptions,
} from "@/lib/security/ssrf";

export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    // the short cause an editor sees ("HTTP 404", "connection refused")
    readonly reason: string,
    // refused by the address guard or a redirect loop: trying again cannot help
    readonly permanent = false,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found (DNS)",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "timed out",
  UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  CERT_HAS_EXPIRED: "TLS certificate expired",
};

function describe(err: unknown): string {
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e?.name === "TimeoutError") return "timed out";
  const code = e?.code ?? e?.cause?.code;
  if (code) return REASONS[code] ?? code;
  return e?.cause?.message ?? e?.message ?? String(err);
}

const MAX_REDIRECTS = 5;
// A segment of a few seconds is a few MB; anything far larger is not a live segment.
const MAX_BODY_BYTES = 256 * 1024 ** 2;

interface Fetched {
  status: number;
  url: string;
  body: Buffer;
}

/**
 * GET with node:http(s), following redirects by hand so every hop goes through the address guard
 * (lib/security/ssrf.ts): checked before the request and again in the socket's DNS lookup.
 */
async function get(
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
  guard?: GuardOptions,
): Promise<Fetched> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let current = url;
  for (let hop = 0; ; hop++) {
    let res: Fetched & { location?: string };
    try {
      await assertFetchableUrl(current, guard);
      res = await once(current, combined, guard);
    } catch (err) {
      signal?.throwIfAborted();
      if (err instanceof RefusedUrlError)
        throw new FetchError(REFUSED_URL_MESSAGE, null, REFUSED_URL_MESSAGE, true);
      const reason = timeout.aborted ? "timed out" : describe(err);
      throw new FetchError(`${redactUrl(current)}: ${reason}`, null, reason);
    }
    if (res.status >= 300 && res.status < 400 && res.location) {
      if (hop >= MAX_REDIRECTS)
        throw new FetchError(`${redactUrl(url)}: too many redirects`, null, "too many redirects", true);
      current = new URL(res.location, current).href;
      continue;
    }
    if (res.status < 200 || res.status >= 300) {
      throw new FetchError(`${redactUrl(current)}: HTTP ${res.status}`, res.status, `HTTP ${res.status}`);
    }
    return res;
  }
}

function once(
  url: string,
  signal: AbortSignal,
  guard?: GuardOptions,
): Promise<Fetched & { location?: string }> {
  return new Promise((resolve, reject) => {
    const request = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = request(
      url,
      { method: "GET", signal, lookup: guardedLookup(guard), headers: { "User-Agent": "matchcut-live" } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ status, url, body: Buffer.alloc(0), location: res.headers.location });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES)
            return req.destroy(new Error(`response larger than ${MAX_BODY_BYTES} bytes`));
          chunks.push(c);
        });
        res.on("end", () => resolve({ status, url, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export async function fetchText(
  url: string,
  opts: { timeoutMs?: number; signal?: AbortSignal; guard?: GuardOptions } = {},
) {
  const res = await get(url, opts.timeoutMs ?? 10_000, opts.signal, opts.guard);
  return { text: res.body.toString("utf8"), url: res.url };
}

export async function fetchBytes(
  url: string,
  opts: { timeoutMs?: number; signal?: AbortSignal; guard?: GuardOptions } = {},
) {
  const res = await get(url, opts.timeoutMs ?? 30_000, opts.signal, opts.guard);
  return new Uint8Array(res.body.buffer, res.body.byteOffset, res.body.byteLength);
}

export const retryable = (err: unknown) =>
  err instanceof FetchError &&
  !err.permanent &&
  (err.status === null ||
    err.status === 404 ||
    err.status === 408 ||
    err.status === 429 ||
    err.status >= 500);

export async function withRetries<T>(
  fn: () => Promise<T>,
  opts: { tries: number; baseMs: number; signal?: AbortSignal },
): Promise<{ value: T; tries: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await fn(), tries: attempt };
    } catch (err) {
      if (attempt >= opts.tries || !retryable(err)) throw err;
      await sleep(opts.baseMs * 2 ** (attempt - 1), opts.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    // Removed again when the timer fires: a tick sleeps many times on the same job signal.
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason as Error);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// Signed CDN URLs carry tokens in the query string: keep them out of messages shown and logged.
export function redactUrl(url: string): string {
  return url.replace(/\?.*$/, "?…");
}
