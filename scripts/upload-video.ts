// `npx tsx scripts/upload-video.ts --file match.mp4 [--url http://localhost:3000] [--wait]`: uploads a
// local file the way the browser does (sign in, POST /api/uploads, presigned multipart PUTs straight to
// S3, record each part, complete), so the worker probes, proxies and analyses it like any upload.
// --wait follows the video until its analysis, proxy and filmstrip are done. Prints the video id last.
import { existsSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "../lib/env";
import type { TReviewDto } from "../lib/schemas/review";
import type { TCompletedUpload, TPresignedParts, TUploadSession } from "../lib/schemas/uploads";
import type { TVideoDto } from "../lib/schemas/videos";

// The admin login lives in .env (npm run up writes it there); the environment wins over the file.
if (existsSync(".env")) process.loadEnvFile(".env");

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    url: { type: "string", default: `http://localhost:${env().PORT}` },
    email: { type: "string", default: env().ADMIN_EMAIL },
    password: { type: "string", default: env().ADMIN_PASSWORD },
    parallel: { type: "string", default: "4" },
    wait: { type: "boolean", default: false },
  },
});
if (!values.file || !values.password) {
  console.error("usage: upload-video.ts --file F [--url U] [--email E --password P] [--wait]");
  process.exit(2);
}
const base = values.url;

/** A signed-in JSON client for the app's API (the session cookie the login route sets). */
async function signIn(url: string, email: string, password: string) {
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
  return async <T>(p: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const r = await fetch(`${url}${p}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { cookie, ...(init.body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${init.method ?? "GET"} ${p}: HTTP ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

const api = await signIn(base, values.email, values.password);
const file = path.resolve(values.file);
const { size, mtimeMs } = await stat(file);
const session = await api<TUploadSession>("/api/uploads", {
  body: { fileName: path.basename(file), size, lastModified: Math.floor(mtimeMs), contentType: "video/mp4" },
});
const count = Math.ceil(size / session.partSize);
const done = new Map(session.parts.map((p) => [p.partNumber, p.etag]));
const todo = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !done.has(n));
console.log(
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
  const buf = Buffer.alloc(len);
  await fh.read(buf, 0, len, (n - 1) * session.partSize);
  const res = await fetch(urls[0]!.url, { method: "PUT", body: buf });
  const etag = res.headers.get("etag");
  if (!res.ok || !etag) throw new Error(`part ${n}: HTTP ${res.status}`);
  await api(`/api/uploads/${session.id}/parts`, {
    method: "PUT",
    body: { parts: [{ partNumber: n, etag, size: len }] },
  });
  done.set(n, etag);
  process.stdout.write(`\r${done.size}/${count} parts`);
}
const queue = [...todo];
await Promise.all(
  Array.from({ length: Number(values.parallel) }, async () => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) await putPart(n);
  }),
);
await fh.close();
const parts = [...done].sort((a, b) => a[0] - b[0]).map(([partNumber, etag]) => ({ partNumber, etag }));
const { videoId } = await api<TCompletedUpload>(`/api/uploads/${session.id}/complete`, { body: { parts } });
console.log(`\nuploaded in ${((performance.now() - t0) / 1000).toFixed(1)} s → video ${videoId}`);

if (values.wait) {
  const started = Date.now();
  let last = "";
  for (;;) {
    const v = await api<TVideoDto>(`/api/videos/${videoId}`);
    const r = await api<TReviewDto>(`/api/videos/${videoId}/review`);
    const line =
      `${v.status}${v.stage ? ` · ${v.stage}` : ""} ${Math.round(v.progress * 100)}%` +
      ` · proxy ${r.media.kind === "proxy" ? "ready" : (r.proxyError ?? "pending")}` +
      ` · filmstrip ${r.filmstripVttUrl ? "ready" : "pending"}`;
    if (line !== last)
      console.log(`${new Date().toISOString()} +${Math.round((Date.now() - started) / 1000)} s ${line}`);
    last = line;
    if (v.status === "failed") throw new Error(`video failed: ${v.error}`);
    if (v.status === "ready" && (r.media.kind === "proxy" || r.proxyError) && r.filmstripVttUrl) break;
    await new Promise((res) => setTimeout(res, 10_000));
  }
}
console.log(videoId);
