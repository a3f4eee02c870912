// `npm run bench:load [-- --seconds N] [--chaos]` (issue #23): 50 signed-in editors browse the library,
// open review rooms, read timelines and edit highlights through autocannon while 10 real clips are
// uploaded through the upload API, all on loopback, for --seconds (300). scripts/bench-load.sh starts
// the app (next start + the worker, under the supervisor) on a database, Redis db, queue prefix, bucket
// and port of its own, then runs this. With --chaos the worker is killed with -9 and Redis and
// PostgreSQL are restarted at random moments (scripts/load/chaos.ts). After the load it waits (at most
// --settle seconds, 300) until no work is queued or running, then checks in the database and the
// bucket that every acknowledged write is there. Prints requests, errors and p50/p95/p99 per route
// group, peak RSS and the uploads' outcome; the last line is one JSON object.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { closeQueues } from "@/lib/queue";
import { runChaos, schedule, type ChaosEvent } from "./load/chaos";
import { Editor, Library } from "./load/editors";
import { sampleRss } from "./load/procs";
import { markHighlights, signInEditors, uploadSeeds, warmUp } from "./load/setup";
import { Recorder } from "./load/stats";
import { runUploads } from "./load/uploads";
import { failedJobs, lostWrites, pendingWork } from "./load/verify";
import { signIn } from "./upload-client";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "300" },
    editors: { type: "string", default: "50" },
    uploads: { type: "string", default: "10" },
    // connections the editors share, and requests per second on each (autocannon's connectionRate)
    connections: { type: "string", default: "10" },
    rate: { type: "string", default: "1" },
    settle: { type: "string", default: "300" },
    chaos: { type: "boolean", default: false },
    seed: { type: "string" },
    "root-pid": { type: "string" },
    url: { type: "string", default: env().APP_URL },
  },
});
const num = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, got "${v}"`);
  return n;
};
const seconds = num("seconds", values.seconds, 10);
const editorCount = Math.round(num("editors", values.editors, 1));
const uploadCount = Math.round(num("uploads", values.uploads, 0));
const connections = Math.round(num("connections", values.connections, 1));
const rate = Math.round(num("rate", values.rate, 1));
if (connections > editorCount) throw new Error(`--connections (${connections}) cannot exceed --editors`);
const settleS = num("settle", values.settle, 0);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Math.round(num("seed", values.seed, 0));
const rootPid = Math.round(num("root-pid", values["root-pid"] ?? String(process.ppid), 1));
const url = new URL(values.url);
if (!["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))
  throw new Error(`bench:load runs against this machine only (loopback); --url ${url} is not`);

const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const load = () => loadavg().map((x) => +x.toFixed(2));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The load itself. The editors share `connections` keep-alive connections (a browser pool), each
 * connection taking its editors in turn and sending at most `rate` requests a second (autocannon's
 * connectionRate): with 50 editors on 10 connections at 1 request a second, each editor acts every 5 s.
 * One request per connection at a time (an editor never has two in flight): when the app answers slower
 * than that, the connection waits, and the latencies show it.
 */
function hammer(editors: Editor[], rec: Recorder): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.origin,
        connections,
        connectionRate: rate,
        duration: seconds,
        timeout: 10,
        requests: [{ method: "GET", path: "/api/me" }],
        setupClient: (client) => {
          const j = next++;
          const mine = editors.filter((_, i) => i % connections === j);
          let turn = 0;
          const state = client as unknown as { editor: Editor };
          client.setRequests([
            {
              setupRequest: (req) => {
                const ed = mine[turn++ % mine.length]!;
                state.editor = ed;
                return { ...req, ...ed.next() } as autocannon.Request;
              },
              onResponse: (status, body) => state.editor.done(status, body),
            },
          ]);
        },
      },
      (err, result) => (err ? reject(err as Error) : resolve(result)),
    );
    instance.on("response", (client: autocannon.Client, _status: number, _bytes: number, ms: number) => {
      rec.latency((client as unknown as { editor: Editor }).editor.lastGroup, ms);
    });
  });
}

/** Polls until no work is queued or running, or `maxS` passed; returns what was still pending. */
async function settle(maxS: number): Promise<Record<string, number>> {
  const until = Date.now() + maxS * 1000;
  let last = "";
  for (;;) {
    let pending: Record<string, number>;
    try {
      pending = await pendingWork();
    } catch (err) {
      pending = { [`cannot read the state (${(err as Error).message.slice(0, 80)})`]: 1 };
    }
    const line = JSON.stringify(pending);
    if (line !== last) log(`pending: ${Object.keys(pending).length ? line : "nothing"}`);
    last = line;
    if (Object.keys(pending).length === 0 || Date.now() > until) return pending;
    await sleep(5000);
  }
}

async function main(): Promise<void> {
  const loadBefore = load();
  log(`load average before (1, 5, 15 min): ${loadBefore.join(", ")}`);
  const admin = await signIn(url.origin, env().ADMIN_EMAIL, env().ADMIN_PASSWORD ?? "");
  const signed = await signInEditors(url.origin, admin, editorCount);
  log(`${signed.length} editors signed in`);
  const seeds = await uploadSeeds(signed[0]!.api, log);
  const owns = await markHighlights(signed, seeds);
  log(`seed videos ready; each editor marked a highlight of its own; waiting for their clips`);
  // The load starts on a quiet app: the 50 clips the marks queued are cut first, and each route has
  // answered once (Next.js loads a route's code on its first request).
  const setupLeft = await settle(600);
  if (Object.keys(setupLeft).length) log(`starting with set-up work still pending (a busy machine)`);
  await warmUp(signed[0]!.api, seeds[0]!.videoId);
  const initial = new Map(
    owns.map((o) => [o.highlightId, { startS: o.startS, endS: o.endS, status: o.status }]),
  );

  const rec = new Recorder();
  const library = new Library();
  const reelOwners = new Set(seeds.map((_, i) => i)); // editor i < seeds owns seed i's reel
  const editors = signed.map(
    (s, i) => new Editor(i + 1, s.api.cookie, url.origin, owns[i]!, reelOwners.has(i), library, rec),
  );
  const plan = values.chaos ? schedule(seconds, seed) : [];
  if (values.chaos) log(`chaos (seed ${seed}): ${plan.map((p) => `${p.fault} at ${p.atS} s`).join("; ")}`);

  const rss = sampleRss(rootPid);
  const loadStart = Date.now();
  log(
    `load: ${editors.length} editors on ${connections} connections at ${rate} req/s each ` +
      `(an editor acts every ${(editors.length / connections / rate).toFixed(1)} s), ${uploadCount} uploads, ${seconds} s`,
  );
  const [result, uploads, chaos] = await Promise.all([
    hammer(editors, rec),
    runUploads(
      signed,
      uploadCount,
      seconds / Math.max(1, uploadCount),
      loadStart + (seconds + 120) * 1000,
      rec,
      log,
    ),
    values.chaos ? runChaos(rootPid, plan, seed, log) : Promise.resolve([] as ChaosEvent[]),
  ]);
  const loadAfter = load();
  log(`load over (${result.duration} s); load average (1, 5, 15 min): ${loadAfter.join(", ")}`);
  const pending = await settle(settleS);
  const peaks = rss.stop();
  const settledS = +((Date.now() - loadStart) / 1000 - result.duration).toFixed(0);

  const ids = uploads.flatMap((u) => (u.videoId ? [u.videoId] : []));
  const videos = await db().video.findMany({ where: { id: { in: ids } } });
  const ready = videos.filter((v) => v.status === "ready").length;
  for (const v of videos.filter((x) => x.status !== "ready"))
    log(`upload ${v.originalName}: ${v.status}${v.error ? ` (${v.error})` : ""}`);
  const lost = await lostWrites(editors, uploads, initial);
  const failed = await failedJobs();
  const stuck = Object.values(pending).reduce((a, n) => a + n, 0);

  const { requests, errors } = rec.totals();
  const table = rec.table();
  console.log("\ngroup        requests  errors     p50 ms     p95 ms     p99 ms");
  for (const r of table)
    console.log(
      `${r.group.padEnd(12)}${String(r.requests).padStart(9)}${String(r.errors).padStart(8)}` +
        [r.p50, r.p95, r.p99].map((x) => String(x).padStart(11)).join(""),
    );
  console.log(`(upload: one whole upload — session, parts, complete — per row count)`);
  console.log(
    `requests ${requests}, errors ${errors} (autocannon: ${result.requests.total} answers, ` +
      `${result.non2xx} non-2xx, ${result.errors} errors/timeouts)`,
  );
  if (errors) console.log(["errors, by group and kind:", ...rec.errorLines()].join("\n"));
  console.log(
    `peak RSS: web ${peaks.web_mb} MB, worker ${peaks.worker_mb} MB (with its ffmpeg: ${peaks.worker_tree_mb} MB)`,
  );
  console.log(
    `uploads: ${ready}/${uploadCount} ready; settled ${Object.keys(pending).length ? "NOT" : ""} ${settledS} s after the load`,
  );
  if (Object.keys(failed).length) console.log(`jobs failed for good: ${JSON.stringify(failed)}`);
  if (lost.length) console.log(["lost:", ...lost.map((l) => `  ${l}`)].join("\n"));
  if (stuck) console.log(`stuck ${settleS} s after the load: ${JSON.stringify(pending)}`);
  const p95 = Object.fromEntries(table.map((r) => [r.group, Number.isNaN(r.p95) ? null : r.p95]));
  console.log(
    JSON.stringify({
      seconds,
      editors: editors.length,
      connections,
      rate_per_connection: rate,
      chaos: values.chaos,
      ...(values.chaos
        ? { seed, faults: chaos.map((c) => ({ fault: c.fault, at_s: c.atS, ok: c.ok })) }
        : {}),
      load_before: loadBefore,
      load_after: loadAfter,
      requests,
      errors,
      p95_ms: p95,
      edits_acked: editors.reduce((a, e) => a + e.edits.filter((x) => x.acked).length, 0),
      reels_acked: editors.reduce((a, e) => a + e.reels.filter((x) => x.acked).length, 0),
      uploads: uploadCount,
      uploads_ready: ready,
      web_peak_rss_mb: peaks.web_mb,
      worker_peak_rss_mb: peaks.worker_mb,
      worker_tree_peak_rss_mb: peaks.worker_tree_mb,
      settled_s: stuck ? null : settledS,
      jobs_failed: failed,
      lost: lost.length,
      stuck,
    }),
  );
}

await main().finally(() => closeQueues());
process.exit(0);
