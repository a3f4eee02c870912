// `npm run bench:e2e [-- --minutes N] [--matches M]` (issue #17): what an editor waits for, end to end.
// scripts/bench-e2e.sh starts the app (next start) and one worker on a database, Redis db, queue prefix
// and bucket of their own, then runs this. It
//   1. makes an N-minute 720p25 match of real held-out footage with kicks at known times (bench-match.ts);
//   2. times the bare `npm run detect` on that file (the analysis alone, nothing else running);
//   3. uploads it through the app's API as the browser does (presigned multipart parts, complete): the
//      worker probes it and runs analysis, proxy and filmstrip as in production; prints upload-complete →
//      highlights listed (polled from the API, as the library does), its ratio to (2), and when the proxy
//      and filmstrip started and finished (BullMQ's own job timestamps);
//   4. uploads M copies at once (under different names) and prints each one's highlights time, and the
//      first one's highlights against the moment any of their proxies started.
// The last line is one JSON object.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { nodeOf } from "@/lib/pipeline/graph";
import { closeQueues, queueFor } from "@/lib/queue";
import { safeJobId } from "@/lib/queue/options";
import { benchMatch, type BenchMatch } from "./bench-match";
import { highlightsListed, POLL_MS } from "./bench-follow";
import { signIn, uploadFile, type Api } from "./upload-client";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    matches: { type: "string", default: "3" },
    url: { type: "string", default: env().APP_URL },
  },
});
const minutes = Number(values.minutes);
const matches = Number(values.matches);
if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${values.minutes}`);
if (!Number.isInteger(matches) || matches < 1) throw new Error(`--matches must be a whole number ≥ 1`);
const s = (ms: number) => +(ms / 1000).toFixed(1);

/** The bare analysis: `npm run detect -- FILE --json` in a process of its own, timed from spawn to exit. */
async function timeDetect(file: string): Promise<{ seconds: number; segments: number }> {
  const t0 = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", "worker/cli/detect.ts", file, "--json"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    p.stdout.on("data", (b: Buffer) => (text += b.toString()));
    p.once("error", reject);
    p.once("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`detect exited ${code}`))));
  });
  return { seconds: (performance.now() - t0) / 1000, segments: (JSON.parse(out) as unknown[]).length };
}

interface JobTimes {
  startedAt: number | null;
  finishedAt: number | null;
  failed: string | null;
}

/** A background job's times once it has finished (or failed for good), from BullMQ's bookkeeping. */
async function finishedJob(kind: "proxy" | "filmstrip", videoId: string): Promise<JobTimes> {
  const id = safeJobId(nodeOf(kind).id({ videoId }));
  for (;;) {
    const job = await queueFor(kind).getJob(id);
    const state = job ? await job.getState() : "missing";
    const final = state === "failed" && job!.attemptsMade >= (job!.opts.attempts ?? 1);
    if (job && (state === "completed" || final)) {
      // Read again: the copy above may predate the state read (taken while the job still ran).
      const done = (await queueFor(kind).getJob(id)) ?? job;
      return {
        startedAt: done.processedOn ?? null,
        finishedAt: done.finishedOn ?? null,
        failed: final ? done.failedReason : null,
      };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

interface Followed {
  videoId: string;
  completeAt: number;
  uploadS: number;
  highlightsAt: number;
  highlights: { startS: number; endS: number }[];
  proxy: JobTimes;
  filmstrip: JobTimes;
}

/** Uploads `count` copies at once and follows each until highlights, proxy and filmstrip are done. */
async function runBatch(api: Api, file: string, count: number, tag: string): Promise<Followed[]> {
  const base = path.basename(file, ".mp4");
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const up = await uploadFile(api, file, { fileName: `${base}-${tag}-${i + 1}.mp4` });
      const completeAt = Date.now();
      const listed = await highlightsListed(api, up.videoId);
      const [proxy, filmstrip] = await Promise.all([
        finishedJob("proxy", up.videoId),
        finishedJob("filmstrip", up.videoId),
      ]);
      return {
        videoId: up.videoId,
        completeAt,
        uploadS: up.seconds,
        highlightsAt: listed.at,
        highlights: listed.highlights,
        proxy,
        filmstrip,
      };
    }),
  );
}

const kicksFound = (m: BenchMatch, f: Followed) =>
  m.kicks.filter((k) => f.highlights.some((h) => h.startS < k.endS && h.endS > k.startS)).length;
const since = (t0: number, t: number | null) => (t === null ? null : s(t - t0));

async function main(): Promise<void> {
  const match = await benchMatch(minutes);
  console.log(
    `match: ${match.file} (${match.durationS.toFixed(1)} s, kicks at ${match.kicks.map((k) => k.startS.toFixed(0) + " s").join(", ")})`,
  );
  // The machine may be shared: the load average says how much else ran beside these figures.
  const load = () => loadavg().map((x) => +x.toFixed(2));
  const loadBefore = load();
  console.log(`load average (1, 5, 15 min) before: ${loadBefore.join(", ")}`);
  const detect = await timeDetect(match.file);
  console.log(`bare detect: ${detect.seconds.toFixed(1)} s (${detect.segments} segments)`);

  const admin = { email: env().ADMIN_EMAIL, password: env().ADMIN_PASSWORD };
  if (!admin.password) throw new Error("ADMIN_PASSWORD is not set (scripts/bench-e2e.sh sets it)");
  const api = await signIn(values.url, admin.email, admin.password);

  const [one] = await runBatch(api, match.file, 1, "single");
  const single = {
    upload_s: s(one!.uploadS * 1000),
    highlights_s: s(one!.highlightsAt - one!.completeAt),
    ratio: +((one!.highlightsAt - one!.completeAt) / 1000 / detect.seconds).toFixed(3),
    kicks_found: kicksFound(match, one!),
    highlights: one!.highlights.length,
    proxy_started_s: since(one!.completeAt, one!.proxy.startedAt),
    proxy_done_s: since(one!.completeAt, one!.proxy.finishedAt),
    filmstrip_started_s: since(one!.completeAt, one!.filmstrip.startedAt),
    filmstrip_done_s: since(one!.completeAt, one!.filmstrip.finishedAt),
    proxy_error: one!.proxy.failed,
    filmstrip_error: one!.filmstrip.failed,
  };
  console.log(
    `one match: upload ${single.upload_s} s; upload complete → highlights listed ${single.highlights_s} s ` +
      `(${single.ratio} × bare detect; ${single.highlights} highlights, ${single.kicks_found}/${match.kicks.length} kicks); ` +
      `proxy ${single.proxy_started_s} → ${single.proxy_done_s} s, filmstrip ${single.filmstrip_started_s} → ${single.filmstrip_done_s} s`,
  );

  const many = await runBatch(api, match.file, matches, "batch");
  const firstDone = [...many].sort((a, b) => a.completeAt - b.completeAt)[0]!;
  const t0 = firstDone.completeAt;
  const proxyStarts = many.flatMap((f) => (f.proxy.startedAt === null ? [] : [f.proxy.startedAt]));
  const firstProxyStart = proxyStarts.length ? Math.min(...proxyStarts) : null;
  const batch = {
    matches,
    // t = 0: the first upload of the batch to complete.
    completes_s: many.map((f) => s(f.completeAt - t0)),
    highlights_s: many.map((f) => s(f.highlightsAt - t0)),
    // "first" = the first upload to complete (order of arrival); uploads that start together may
    // complete a few ms apart, so the earliest highlights of any of them are given too.
    first_highlights_s: s(firstDone.highlightsAt - t0),
    earliest_highlights_s: s(Math.min(...many.map((f) => f.highlightsAt)) - t0),
    first_proxy_start_s: since(t0, firstProxyStart),
    first_highlights_before_any_proxy: firstProxyStart === null || firstDone.highlightsAt <= firstProxyStart,
    proxies_done_s: many.map((f) => since(t0, f.proxy.finishedAt)),
    filmstrips_done_s: many.map((f) => since(t0, f.filmstrip.finishedAt)),
    kicks_found: many.map((f) => kicksFound(match, f)),
    errors: many.flatMap((f) => [f.proxy.failed, f.filmstrip.failed].filter((e) => e !== null)),
  };
  console.log(
    `${matches} matches at once (t = 0: first upload complete): highlights at ${batch.highlights_s.join(", ")} s; ` +
      `first proxy started at ${batch.first_proxy_start_s} s; proxies done ${batch.proxies_done_s.join(", ")} s; ` +
      `filmstrips done ${batch.filmstrips_done_s.join(", ")} s`,
  );
  console.log(`load average (1, 5, 15 min) after: ${load().join(", ")}`);
  console.log(
    `must-show: one match ratio ${single.ratio} ≤ 1.2: ${single.ratio <= 1.2 ? "yes" : "no"}; ` +
      `first highlights before any proxy started: ${batch.first_highlights_before_any_proxy ? "yes" : "no"}`,
  );
  console.log(
    JSON.stringify({
      minutes,
      load_before: loadBefore,
      load_after: load(),
      duration_s: match.durationS,
      kicks: match.kicks.length,
      detect_s: s(detect.seconds * 1000),
      single,
      batch,
    }),
  );
}

await main().finally(() => closeQueues());
process.exit(0);
