// `npm run bench:e2e [-- --minutes N] [--matches M] [--baseline REV|none]` (issues #17, #25): what an editor
// waits for and what the work costs, end to end. scripts/bench-e2e.sh starts the app (next start) on a
// database, Redis db, queue prefix and bucket of its own, then runs this, which starts the workers. It
//   1. makes an N-minute 720p25 match of real held-out footage with kicks at known times (bench-match.ts);
//   2. times the bare `npm run detect` on that file (the analysis alone, nothing else running);
//   3. today's path against this checkout's, in turn on the same app: a worker of commit REV (default
//      4c72b50, main before issue #25's one decode, proxy only where needed and reference-frame sampler;
//      bench-workers.ts) and then one of this checkout each take one upload of the match (through the API,
//      as the browser does) until nothing is left to run. Prints each worker's CPU seconds (its own and
//      its children's) per minute of match, upload complete → highlights listed and → highlights,
//      thumbnails, waveform and shot cuts all in the review room, each against (2);
//   4. uploads M copies at once and, while they are processed, has an editor ask for a 15-s clip and
//      then a reel of 3 clips on the first match (bench-editor.ts); prints both times.
// The last line is one JSON object.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/platform/env";
import { nodeOf } from "@/lib/pipeline/graph";
import { closeQueues, producerReachable, queueFor, readJobCpu, type KindCpu } from "@/lib/queue";
import { safeJobId } from "@/lib/queue/options";
import { benchMatch, type BenchMatch } from "./bench-match";
import { allVisible, highlightsListed } from "./bench-follow";
import { editorAsks, prepareEditor } from "./bench-editor";
import { baselineTree, queuesDrained, startWorker } from "./bench-workers";
import { signIn, uploadFile, type Api } from "./upload-client";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    matches: { type: "string", default: "3" },
    // today's path: the worker of this commit (issue #25's A/B); leave out to measure this checkout alone
    baseline: { type: "string", default: "4c72b50" },
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

/** A background job's times from BullMQ's bookkeeping, once nothing runs; null if it never ran. */
async function jobTimes(kind: "proxy" | "filmstrip", videoId: string): Promise<JobTimes | null> {
  const job = await queueFor(kind).getJob(safeJobId(nodeOf(kind).id({ videoId })));
  if (!job) return null;
  const failed = (await job.getState()) === "failed" ? job.failedReason : null;
  return { startedAt: job.processedOn ?? null, finishedAt: job.finishedOn ?? null, failed };
}

interface Followed {
  videoId: string;
  completeAt: number;
  uploadS: number;
  highlightsAt: number;
  highlights: { startS: number; endS: number }[];
  /** highlights, thumbnails, waveform and shot cuts all in the review room (null: not all came) */
  visibleAt: number | null;
  drainedAt: number;
  proxy: JobTimes | null;
  filmstrip: JobTimes | null;
}

/** Uploads `count` copies at once and follows each until nothing is left to run; `onComplete` per upload. */
async function runBatch(
  api: Api,
  file: string,
  count: number,
  tag: string,
  onComplete: (videoId: string) => void = () => undefined,
): Promise<Followed[]> {
  const base = path.basename(file, ".mp4");
  let drained: Promise<number> | undefined;
  const uploads = Array.from({ length: count }, async (_, i) => {
    const up = await uploadFile(api, file, { fileName: `${base}-${tag}-${i + 1}.mp4` });
    onComplete(up.videoId);
    return { up, completeAt: Date.now() };
  });
  return Promise.all(
    uploads.map(async (u) => {
      const { up, completeAt } = await u;
      // Drained only once every upload of the batch is in (their probes then queue the rest).
      drained ??= Promise.all(uploads).then(() => queuesDrained());
      const [listed, visibleAt] = await Promise.all([
        highlightsListed(api, up.videoId),
        allVisible(api, up.videoId, drained),
      ]);
      const drainedAt = await drained;
      return {
        videoId: up.videoId,
        completeAt,
        uploadS: up.seconds,
        highlightsAt: listed.at,
        highlights: listed.highlights,
        visibleAt,
        drainedAt,
        proxy: await jobTimes("proxy", up.videoId),
        filmstrip: await jobTimes("filmstrip", up.videoId),
      };
    }),
  );
}

const kicksFound = (m: BenchMatch, f: Followed) =>
  m.kicks.filter((k) => f.highlights.some((h) => h.startS < k.endS && h.endS > k.startS)).length;
const since = (t0: number, t: number | null | undefined) => (t == null ? null : s(t - t0));
const cpuOf = (kinds: KindCpu[]) => new Map(kinds.map((k) => [k.kind, k.selfS + k.childrenS]));

/**
 * One match through one worker (today's code or this checkout's), from upload to nothing left to run: the
 * worker's CPU (its own and its children's, /proc) per minute of match, and when the room had everything.
 */
async function onePath(api: Api, match: BenchMatch, dir: string, tag: string, detectS: number) {
  const worker = await startWorker(dir, path.join(env().DATA_DIR, "logs", `worker-bench-${tag}.log`));
  const kinds0 = cpuOf(await readJobCpu());
  const cpu0 = await worker.cpuS();
  const [one] = await runBatch(api, match.file, 1, tag);
  const cpuS = (await worker.cpuS()) - cpu0;
  const kinds1 = cpuOf(await readJobCpu());
  const f = one!;
  const byKind = Object.fromEntries(
    [...kinds1].map(([k, v]) => [k, +(v - (kinds0.get(k) ?? 0)).toFixed(1)]).filter(([, v]) => v !== 0),
  );
  const r = {
    path: tag,
    cpu_s: +cpuS.toFixed(1),
    cpu_s_per_match_minute: +(cpuS / (match.durationS / 60)).toFixed(2),
    // what the jobs themselves recorded (lib/queue/cpu.ts); empty for code without that accounting
    cpu_s_by_kind: byKind,
    upload_s: s(f.uploadS * 1000),
    highlights_s: s(f.highlightsAt - f.completeAt),
    ratio: +((f.highlightsAt - f.completeAt) / 1000 / detectS).toFixed(3),
    visible_s: since(f.completeAt, f.visibleAt),
    visible_ratio: f.visibleAt === null ? null : +((f.visibleAt - f.completeAt) / 1000 / detectS).toFixed(3),
    all_done_s: s(f.drainedAt - f.completeAt),
    kicks_found: kicksFound(match, f),
    highlights: f.highlights.length,
    proxy_done_s: since(f.completeAt, f.proxy?.finishedAt),
    filmstrip_done_s: since(f.completeAt, f.filmstrip?.finishedAt),
    errors: [f.proxy?.failed, f.filmstrip?.failed].filter((e) => e),
  };
  console.log(
    `${tag}: ${r.cpu_s} CPU s = ${r.cpu_s_per_match_minute} CPU s per minute of match; highlights ${r.highlights_s} s ` +
      `(${r.ratio} × bare detect, ${r.kicks_found}/${match.kicks.length} kicks); highlights, thumbnails, waveform and ` +
      `shot cuts visible ${r.visible_s ?? "never"} s (${r.visible_ratio ?? "-"} × bare detect); all done ${r.all_done_s} s; ` +
      `by kind ${JSON.stringify(byKind)}`,
  );
  return { r, worker, videoId: f.videoId };
}

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
  // The CPU totals are read on the producer connection, which does not queue commands while it connects.
  await producerReachable(10_000);

  // 1. Today's path (the worker of --baseline) against this checkout's, one match each, same app.
  let today: Awaited<ReturnType<typeof onePath>>["r"] | null = null;
  if (values.baseline && values.baseline !== "none") {
    const old = await onePath(api, match, await baselineTree(values.baseline), "today", detect.seconds);
    await old.worker.stop();
    today = old.r;
  }
  const now = await onePath(api, match, ".", "new", detect.seconds);
  const cpuRatio = today ? +(now.r.cpu_s / today.cpu_s).toFixed(3) : null;

  // 2. M matches at once; meanwhile an editor asks for a 15-s clip and then a reel of 3 on the first one.
  const label = "penalty";
  await prepareEditor(api, now.videoId, label, match.durationS);
  let firstIn: () => void = () => undefined;
  const started = new Promise<void>((r) => (firstIn = r));
  const batchDone = runBatch(api, match.file, matches, "batch", () => firstIn());
  // The editor comes once the matches are uploaded and their analysis is under way.
  await started;
  await new Promise((r) => setTimeout(r, 20_000));
  const editor = await editorAsks(api, now.videoId, label, match.durationS);
  console.log(
    `editor, while ${matches} matches are processed: 15-s clip ${editor.clip_s} s, then a reel of ${editor.reel_clips} clips ${editor.reel_s} s`,
  );
  const many = await batchDone;
  const t0 = Math.min(...many.map((f) => f.completeAt));
  const batch = {
    matches,
    highlights_s: many.map((f) => s(f.highlightsAt - t0)),
    visible_s: many.map((f) => since(t0, f.visibleAt)),
    all_done_s: s(Math.max(...many.map((f) => f.drainedAt)) - t0),
    kicks_found: many.map((f) => kicksFound(match, f)),
  };
  console.log(
    `${matches} matches at once (t = 0: first upload complete): highlights at ${batch.highlights_s.join(", ")} s; ` +
      `all visible at ${batch.visible_s.join(", ")} s; all done ${batch.all_done_s} s`,
  );
  await now.worker.stop();
  console.log(`load average (1, 5, 15 min) after: ${load().join(", ")}`);
  const yes = (b: boolean) => (b ? "yes" : "no");
  console.log(
    `must-show: CPU per minute of match, new ${now.r.cpu_s_per_match_minute} vs today ${today?.cpu_s_per_match_minute ?? "-"} ` +
      `= ${cpuRatio ?? "-"} ≤ 0.5: ${cpuRatio === null ? "not measured (no --baseline)" : yes(cpuRatio <= 0.5)}; ` +
      `all visible ${now.r.visible_ratio ?? "never"} × bare detect ≤ 1.3: ${yes((now.r.visible_ratio ?? Infinity) <= 1.3)}; ` +
      `clip ${editor.clip_s} s ≤ 30: ${yes(editor.clip_s <= 30)}; reel ${editor.reel_s} s ≤ 30: ${yes(editor.reel_s <= 30)}`,
  );
  console.log(
    JSON.stringify({
      minutes,
      load_before: loadBefore,
      load_after: load(),
      duration_s: match.durationS,
      kicks: match.kicks.length,
      detect_s: s(detect.seconds * 1000),
      today,
      new: now.r,
      cpu_ratio: cpuRatio,
      editor,
      batch,
    }),
  );
}

await main().finally(() => closeQueues());
process.exit(0);
