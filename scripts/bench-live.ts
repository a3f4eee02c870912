// `npm run bench:live [-- --file F | --seconds N | --model ID]`: near-live latency of live mode on this machine.
// ffmpeg plays a 720p25 file in real time (-re, stream copy) into a live HLS playlist with 10 s segments,
// served on 127.0.0.1; the live jobs (the worker's own code, in this process) follow it. For every
// segment it prints when it appeared in the playlist on disk, when the follower saw it, and when its
// scores were stored; latency = appeared → stored. The last line is one JSON object.
//
// Uses the configured Postgres/S3/Redis (with its own queue prefix, so a running worker takes none of
// its jobs) and removes what it created at the end. Without a trained head (models/penalty-lstm/
// head.onnx) it scores with a generated head of the same shape: the LSTM head is a few ms of the total.
process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? "matchcut"}-bench-live`;
process.env.LOG_LEVEL ??= "warn";
// The benchmark's HLS server is on loopback, which live URLs may not point at unless allowed.
process.env.LIVE_ALLOW_HOSTS = [process.env.LIVE_ALLOW_HOSTS, "127.0.0.1"].filter(Boolean).join(",");

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { createLiveSource } from "@/lib/live/service";
import { deletePrefix, keys } from "@/lib/platform/storage";
import { removeVideoForGood } from "@/lib/trash/service";
import { disposeSessions } from "@/worker/inference/session";
import { jobs } from "@/worker/jobs/registry";
import { parsePlaylist } from "@/worker/live/playlist";
import { serveDir } from "@/test/live/hls-server";
import { onSegmentTimings, type SegmentTimings } from "@/worker/live/timings";
import { writeTestModel } from "@/test/live/onnx-head";
import { benchVideo } from "./bench-video";
import { startRuntime } from "@/worker/runtime";

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    seconds: { type: "string", default: "120" },
    model: { type: "string" },
  },
});
const SEGMENT_S = 10;

// --model, MODEL_ID or the default model; its trained head if it is there, else a generated one of the
// same shapes and grid under .data/bench/models (MODELS_DIR is pointed there before anything reads the
// environment). It becomes the workers' default (MODEL_ID), which is what they warm up at start.
async function modelForBench(): Promise<{ modelId: string; note: string }> {
  const modelsDir = process.env.MODELS_DIR ?? "models";
  const id =
    values.model ??
    process.env.MODEL_ID ??
    (JSON.parse(await readFile(path.join(modelsDir, "index.json"), "utf8")) as { default: string }).default;
  process.env.MODEL_ID = id;
  const manifest = JSON.parse(await readFile(path.join(modelsDir, id, "manifest.json"), "utf8")) as {
    version: string;
    head: { file: string };
    backbone: { file: string; sha256: string };
  };
  if (existsSync(path.join(modelsDir, id, manifest.head.file)))
    return { modelId: id, note: `${id}@${manifest.version}` };
  const root = path.resolve(process.env.DATA_DIR ?? ".data", "bench", "models");
  await writeTestModel(root, manifest, {}, "bench-live-head", modelsDir);
  process.env.MODELS_DIR = root;
  process.env.MODEL_ID = "bench-live-head";
  return {
    modelId: "bench-live-head",
    note: `generated head of the same shape (${id} has no ${manifest.head.file} yet)`,
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main(): Promise<void> {
  const { modelId, note } = await modelForBench();
  const seconds = Number(values.seconds);
  const input = values.file ? path.resolve(values.file) : await benchVideo(seconds, "bench-live");
  const hlsDir = await mkdtemp(path.join(path.resolve(env().DATA_DIR, "bench"), "hls-"));
  const server = await serveDir(hlsDir);
  const playlist = path.join(hlsDir, "live.m3u8");

  // Watch the playlist file as the server would serve it: first time each sequence number is listed.
  // The time is the file's mtime (ffmpeg writes it to a temp file and renames it into place), not when
  // this watcher noticed: the watcher shares an event loop with the worker and may notice late.
  const appeared = new Map<number, number>();
  let lastMtime = 0;
  const watch = setInterval(() => {
    void stat(playlist)
      .then(async (st) => {
        if (st.mtimeMs === lastMtime) return;
        lastMtime = st.mtimeMs;
        const pl = parsePlaylist(await readFile(playlist, "utf8"), `${server.base}/live.m3u8`);
        if (pl.kind === "media")
          for (const s of pl.segments) if (!appeared.has(s.seq)) appeared.set(s.seq, st.mtimeMs);
      })
      .catch(() => undefined);
  }, 10);

  const stages = new Map<number, SegmentTimings>();
  onSegmentTimings((t) => void stages.set(t.seq, t));
  const runtime = startRuntime(jobs.filter((j) => j.name.startsWith("live-")));
  const owner = await db().user.upsert({
    where: { email: "bench-live@matchcut.local" },
    create: { email: "bench-live@matchcut.local", name: "bench:live", passwordHash: "!", role: "editor" },
    update: {},
  });
  console.log(`model: ${note}; stream: ${input} (${seconds} s) as ${SEGMENT_S} s segments on ${server.base}`);
  const ffmpeg = spawn(
    env().FFMPEG_PATH,
    [
      "-hide_banner",
      "-v",
      "error",
      "-re",
      "-i",
      input,
      "-map",
      "0:v:0",
      "-c",
      "copy",
      "-f",
      "hls",
      "-hls_time",
      String(SEGMENT_S),
      "-hls_list_size",
      "6",
      "-hls_flags",
      "delete_segments+temp_file+omit_endlist",
      "-hls_segment_filename",
      path.join(hlsDir, "seg%05d.ts"),
      playlist,
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const ffmpegDone = new Promise<void>((resolve) => ffmpeg.once("close", () => resolve()));
  while (!existsSync(playlist)) await new Promise((r) => setTimeout(r, 50));
  const src = await createLiveSource(
    owner.id,
    { url: `${server.base}/live.m3u8`, title: "bench:live" },
    { modelId },
  );

  await ffmpegDone;
  // omit_endlist keeps the stream "live" to the end; wait for the last segment, then stop it.
  const expected = appeared.size;
  for (;;) {
    const n = await db().liveSegment.count({ where: { liveSourceId: src.id } });
    if (n >= expected) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  clearInterval(watch);

  const rows = await db().liveSegment.findMany({ where: { liveSourceId: src.id }, orderBy: { seq: "asc" } });
  const latencies: number[] = [];
  const parts: Record<string, number[]> = { wait: [], fetch: [], score: [], upload: [], store: [] };
  // wait: appeared → start of the playlist load that listed it; the stages are those of worker/live/
  // timings.ts (score = decode + backbone + head; the S3 upload of the recording runs beside it).
  console.log(
    "seq  dur_s  status    appeared→seen  seen→stored  appeared→stored |   wait  fetch  score upload  store",
  );
  for (const r of rows) {
    const at = appeared.get(Number(r.seq));
    const stored = r.storedAt.getTime();
    const e2e = at === undefined ? NaN : stored - at;
    if (Number.isFinite(e2e)) latencies.push(e2e);
    const t = stages.get(Number(r.seq));
    const stage = t && {
      wait: at === undefined ? NaN : t.loadStartMs - at,
      fetch: t.fetchMs,
      score: t.scoreMs,
      upload: t.uploadMs,
      store: t.storeMs,
    };
    if (stage) for (const [k, v] of Object.entries(stage)) if (Number.isFinite(v)) parts[k]!.push(v);
    const cell = (v: number) => `${Number.isFinite(v) ? Math.round(v) : "?"} ms`.padStart(13);
    const ms = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? Math.round(v) : "?");
    const small = stage
      ? Object.values(stage)
          .map((v) => String(ms(v)).padStart(6))
          .join(" ")
      : "";
    console.log(
      `${String(r.seq).padStart(3)}  ${r.durationS.toFixed(2).padStart(5)}  ${r.status.padEnd(8)} ${cell(at === undefined ? NaN : r.seenAt.getTime() - at)} ${cell(stored - r.seenAt.getTime())}  ${cell(e2e)} | ${small}`,
    );
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = (v: number[]) =>
    v.length
      ? Math.round(
          pct(
            [...v].sort((a, b) => a - b),
            50,
          ),
        )
      : null;
  const out = {
    segments: rows.length,
    p50_ms: sorted.length ? Math.round(pct(sorted, 50)) : null,
    p95_ms: sorted.length ? Math.round(pct(sorted, 95)) : null,
    max_ms: sorted.length ? Math.round(sorted[sorted.length - 1]!) : null,
    stages_p50_ms: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)])),
  };
  console.log(
    `latency (appeared in playlist → scores stored): p50 ${out.p50_ms} ms, p95 ${out.p95_ms} ms, max ${out.max_ms} ms over ${out.segments} segments`,
  );
  console.log(
    `stage medians: ${JSON.stringify(out.stages_p50_ms)}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  // Clean up: stop following, drop what the bench created.
  await db().liveSource.update({ where: { id: src.id }, data: { stopRequested: true } });
  await runtime.close();
  const after = await db().liveSource.findUnique({ where: { id: src.id } });
  const video = after?.videoId
    ? await db().video.findUnique({ where: { id: after.videoId }, select: { id: true, sourceKey: true } })
    : null;
  if (video) await removeVideoForGood(video, null).catch(() => undefined);
  await db().liveSource.delete({ where: { id: src.id } });
  await deletePrefix(keys.livePrefix(src.id));
  await server.close();
  await rm(hlsDir, { recursive: true, force: true });
  await disposeSessions();
  await disconnectDb();
  console.log(JSON.stringify(out));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
