// `npx tsx scripts/upload-video.ts --file match.mp4 [--url http://localhost:3000] [--wait]`: uploads a
// local file the way the browser does (sign in, POST /api/uploads, presigned multipart PUTs straight to
// S3, record each part, complete), so the worker probes, proxies and analyses it like any upload.
// --wait follows the video until its analysis, proxy and filmstrip are done. Prints the video id last.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/platform/env";
import type { TReviewDto } from "@/lib/schemas/review";
import type { TVideoDto } from "@/lib/schemas/videos";
import { mediaSettled, playbackWords } from "@/components/review/playback-words";
import { signIn, uploadFile } from "./upload-client";

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

const api = await signIn(base, values.email, values.password);
const { videoId, seconds } = await uploadFile(api, path.resolve(values.file), {
  parallel: Number(values.parallel),
  log: (line) => console.log(line),
});
console.log(`uploaded in ${seconds.toFixed(1)} s → video ${videoId}`);

if (values.wait) {
  const started = Date.now();
  let last = "";
  for (;;) {
    const v = await api<TVideoDto>(`/api/videos/${videoId}`);
    const r = await api<TReviewDto>(`/api/videos/${videoId}/review`);
    const line =
      `${v.status}${v.stage ? ` · ${v.stage}` : ""} ${Math.round(v.progress * 100)}%` +
      ` · ${playbackWords(r)}` +
      ` · filmstrip ${r.filmstripVttUrl ? "ready" : "pending"}` +
      ` · waveform ${r.waveform ? "ready" : "pending"} · ${r.shots.length} shot cuts`;
    if (line !== last)
      console.log(`${new Date().toISOString()} +${Math.round((Date.now() - started) / 1000)} s ${line}`);
    last = line;
    if (v.status === "failed") throw new Error(`video failed: ${v.error}`);
    if (v.status === "ready" && mediaSettled(r) && r.filmstripVttUrl) break;
    await new Promise((res) => setTimeout(res, 10_000));
  }
}
console.log(videoId);
