// The browser's upload, from Node: sign in, POST /api/uploads, presigned multipart PUTs straight to S3,
// record each part, complete. Used by scripts/upload-video.ts, scripts/bench-e2e.ts and bench-load.ts.
import { open, stat } from "node:fs/promises";
import path from "node:path";
import type { TCompletedUpload, TPresignedParts, TUploadSession } from "@/lib/schemas/uploads";

export interface Api {
  <T>(p: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /**
   * PUTs a part's bytes where the app said: a presigned S3 URL, or (embedded S3, lib/platform/storage/
   * browser-access.ts) the app's own relative part route, which wants the session cookie as well.
   */
  putPart(url: string, body: Uint8Array<ArrayBuffer>): Promise<Response>;
  /** The session cookie, as a `Cookie` header value (bench:load hands it to its load tool). */
  cookie: string;
  /** The app's base URL. */
  url: string;
}

/** A signed-in JSON client for the app's API (the session cookie the login route sets). */
export async function signIn(url: string, email: string, password: string): Promise<Api> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const api = async <T>(p: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const r = await fetch(`${url}${p}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { cookie, ...(init.body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${init.method ?? "GET"} ${p}: HTTP ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const origin = new URL(url).origin;
  const putPart = (partUrl: string, body: Uint8Array<ArrayBuffer>) => {
    const target = new URL(partUrl, url);
    return fetch(target, {
      method: "PUT",
      body,
      headers: target.origin === origin ? { cookie, "Content-Type": "application/octet-stream" } : {},
    });
  };
  return Object.assign(api, { putPart, cookie, url });
}

/** Uploads `file` part by part, `parallel` parts at a time (resuming a matching earlier upload). */
export async function uploadFile(
  api: Api,
  file: string,
  // fileName: the name the browser would send (a bench uploads one file under several names at once;
  // the same name, size and date would resume one upload).
  opts: { parallel?: number; log?: (line: string) => void; fileName?: string } = {},
): Promise<{ videoId: string; seconds: number }> {
  const log = opts.log ?? (() => undefined);
  const { size, mtimeMs } = await stat(file);
  const session = await api<TUploadSession>("/api/uploads", {
    body: {
      fileName: opts.fileName ?? path.basename(file),
      size,
      lastModified: Math.floor(mtimeMs),
      contentType: "video/mp4",
    },
  });
  const count = Math.ceil(size / session.partSize);
  const done = new Map(session.parts.map((p) => [p.partNumber, p.etag]));
  const todo = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !done.has(n));
  log(
    `upload ${session.id}: ${(size / 1e6).toFixed(0)} MB in ${count} parts of ${session.partSize / 2 ** 20} MiB` +
      (session.resumed ? ` (resuming: ${done.size} stored)` : ""),
  );
  const fh = await open(file, "r");
  const t0 = performance.now();
  async function putPart(n: number): Promise<void> {
    const { urls } = await api<TPresignedParts>(`/api/uploads/${session.id}/parts`, {
      body: { partNumbers: [n] },
    });
    const len = Math.min(session.partSize, size - (n - 1) * session.partSize);
    const buf = new Uint8Array(len);
    await fh.read(buf, 0, len, (n - 1) * session.partSize);
    const res = await api.putPart(urls[0]!.url, buf);
    const etag = res.headers.get("etag");
    if (!res.ok || !etag) throw new Error(`part ${n}: HTTP ${res.status}`);
    await api(`/api/uploads/${session.id}/parts`, {
      method: "PUT",
      body: { parts: [{ partNumber: n, etag, size: len }] },
    });
    done.set(n, etag);
  }
  const queue = [...todo];
  try {
    await Promise.all(
      Array.from({ length: opts.parallel ?? 4 }, async () => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) await putPart(n);
      }),
    );
  } finally {
    await fh.close();
  }
  const parts = [...done].sort((a, b) => a[0] - b[0]).map(([partNumber, etag]) => ({ partNumber, etag }));
  const { videoId } = await api<TCompletedUpload>(`/api/uploads/${session.id}/complete`, { body: { parts } });
  return { videoId, seconds: (performance.now() - t0) / 1000 };
}
