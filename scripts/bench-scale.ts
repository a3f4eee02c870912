// `npm run bench:scale` runs this twice (scripts/bench-scale.sh): with one worker process, then with two,
// each time uploading the same match and following it to its highlights; then `--compare` prints both
// runs side by side and whether the two analyses' stored scores and highlights are identical.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { jobIdOf } from "@/lib/pipeline/enqueue";
import { CPU_QUEUE } from "@/lib/pipeline/graph";
import { closeQueues, namedQueue, queueFor } from "@/lib/queue";
import { safeJobId } from "@/lib/queue/options";
import { getObjectBytes } from "@/lib/platform/storage";
import { highlightsListed } from "./bench-follow";
import { benchMatch } from "./bench-match";
import { signIn, uploadFile } from "./upload-client";

const { values, positionals } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    workers: { type: "string", default: "1" },
    out: { type: "string" },
    compare: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

interface Run {
  workers: number;
  duration_s: number;
  chunks: number;
  highlights_s: number;
  chunk_runs_s: number[];
  /** Seconds each chunk waited in the queue (added → taken) and the process (host:pid) that ran it. */
  chunk_waits_s: number[];
  chunk_processes: string[];
  chunks_per_process: Record<string, number>;
  scores_sha256: string;
  highlights: { startS: number; endS: number }[];
  load: number[];
}

async function measure(): Promise<Run> {
  const match = await benchMatch(Number(values.minutes));
  const api = await signIn(env().APP_URL, env().ADMIN_EMAIL, env().ADMIN_PASSWORD!);
  const up = await uploadFile(api, match.file, { fileName: `scale-${values.workers}.mp4` });
  const completeAt = Date.now();
  const listed = await highlightsListed(api, up.videoId);
  const analysis = await db().analysis.findFirstOrThrow({ where: { videoId: up.videoId, current: true } });
  const chunks = (analysis.params as { chunks: number }).chunks;
  const jobs = await Promise.all(
    Array.from({ length: chunks }, (_, index) =>
      queueFor("analyze-chunk").getJob(
        safeJobId(jobIdOf("analyze-chunk", { analysisId: analysis.id, index })),
      ),
    ),
  );
  const takers = jobs.map((j) => j?.processedBy ?? "unknown");
  const perProcess: Record<string, number> = {};
  for (const t of takers) perProcess[t] = (perProcess[t] ?? 0) + 1;
  const scores = await getObjectBytes(analysis.scoresKey!);
  const load = loadavg().map((x) => +x.toFixed(2));
  await leaveQueueEmpty(api, up.videoId);
  return {
    workers: Number(values.workers),
    duration_s: match.durationS,
    chunks,
    highlights_s: +((listed.at - completeAt) / 1000).toFixed(1),
    chunk_runs_s: jobs.map((j) => +(((j?.finishedOn ?? 0) - (j?.processedOn ?? 0)) / 1000).toFixed(1)),
    chunk_waits_s: jobs.map((j) => +(((j?.processedOn ?? 0) - (j?.timestamp ?? 0)) / 1000).toFixed(1)),
    chunk_processes: takers,
    chunks_per_process: perProcess,
    scores_sha256: createHash("sha256").update(scores).digest("hex"),
    highlights: listed.highlights,
    load,
  };
}

/**
 * Deletes the measured video (as an editor would, through the API) and waits until no heavy job is
 * queued or running, so the next run's workers start idle: the first version of this bench left this
 * run's proxy and filmstrip queued, and a worker of the two-process run spent the whole run encoding
 * them (issue #17).
 */
async function leaveQueueEmpty(api: Awaited<ReturnType<typeof signIn>>, videoId: string): Promise<void> {
  await api(`/api/videos/${videoId}`, { method: "DELETE" });
  const cpu = namedQueue(CPU_QUEUE);
  const end = Date.now() + 180_000;
  for (;;) {
    const counts = await cpu.getJobCounts("active", "waiting", "prioritized", "delayed");
    if (Object.values(counts).every((n) => n === 0)) return;
    if (Date.now() > end)
      throw new Error(`heavy jobs still queued after the delete: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function compare(a: Run, b: Run): Promise<void> {
  const same = a.scores_sha256 === b.scores_sha256;
  const sameHighlights = JSON.stringify(a.highlights) === JSON.stringify(b.highlights);
  for (const r of [a, b])
    console.log(
      `${r.workers} worker process(es): ${r.chunks} chunks of a ${r.duration_s.toFixed(0)} s match, upload complete → ` +
        `highlights ${r.highlights_s} s; chunks per process ${JSON.stringify(r.chunks_per_process)}; load ${r.load.join(", ")}`,
    );
  for (const r of [a, b])
    r.chunk_processes.forEach((p, i) =>
      console.log(
        `  ${r.workers} process(es), chunk ${i}: ${p}, waited ${r.chunk_waits_s[i]} s, ran ${r.chunk_runs_s[i]} s`,
      ),
    );
  console.log(
    `speed-up ${(a.highlights_s / b.highlights_s).toFixed(2)}×; scores identical: ${same ? "yes" : "no"} ` +
      `(sha256 ${a.scores_sha256.slice(0, 12)}…); highlights identical: ${sameHighlights ? "yes" : "no"} (${a.highlights.length})`,
  );
  // Identical results only say something if the second run's chunks really went to both processes.
  const shared = Object.keys(b.chunks_per_process).length;
  console.log(`chunks of the ${b.workers}-process run taken by ${shared} process(es)`);
  console.log(
    JSON.stringify({ one: a, two: b, scores_identical: same, highlights_identical: sameHighlights, shared }),
  );
  if (!same || !sameHighlights || shared < b.workers) process.exitCode = 1;
}

if (values.compare) {
  const [a, b] = await Promise.all(
    positionals.slice(0, 2).map(async (f) => JSON.parse(await readFile(f, "utf8")) as Run),
  );
  await compare(a!, b!);
} else {
  const run = await measure();
  console.log(JSON.stringify(run));
  if (values.out) await writeFile(values.out, JSON.stringify(run));
  await closeQueues();
  await disconnectDb();
}
