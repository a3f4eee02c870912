// HTTP for playlists and segments: global fetch with a timeout, errors an editor can read, and retries
// with doubling backoff for the failures that can heal (timeouts, connection errors, 404 at the live
// edge — some origins list a segment a moment before it is servable — and 5xx).

export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    // the short cause an editor sees ("HTTP 404", "connection refused")
    readonly reason: string,
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
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return "timed out";
  const code = e?.cause?.code;
  if (code) return REASONS[code] ?? code;
  return e?.cause?.message ?? e?.message ?? String(err);
}

async function get(url: string, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, {
      signal: combined,
      redirect: "follow",
      headers: { "User-Agent": "matchcut-live" },
    });
  } catch (err) {
    signal?.throwIfAborted();
    const reason = describe(err);
    throw new FetchError(`${redactUrl(url)}: ${reason}`, null, reason);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new FetchError(`${redactUrl(url)}: HTTP ${res.status}`, res.status, `HTTP ${res.status}`);
  }
  return res;
}

export async function fetchText(url: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const res = await get(url, opts.timeoutMs ?? 10_000, opts.signal);
  return { text: await res.text(), url: res.url || url };
}

export async function fetchBytes(url: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const res = await get(url, opts.timeoutMs ?? 30_000, opts.signal);
  return new Uint8Array(await res.arrayBuffer());
}

export const retryable = (err: unknown) =>
  err instanceof FetchError &&
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
