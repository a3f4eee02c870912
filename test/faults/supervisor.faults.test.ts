// `npm run up`'s supervision (issue #23): a worker killed with SIGKILL used to take the whole stack down
// (up.sh's `wait -n`). Here the real bash supervisor of scripts/supervise.sh runs a Redis and a worker as
// up.sh does; the worker is killed mid-chunk, comes back by itself, and the analysis completes; Redis is
// killed too and comes back with its data; a stop request then ends both cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { startJob } from "@/lib/pipeline/enqueue";
import { closeQueues, queueFor } from "@/lib/queue";
import { buildMatch, makeUser, makeVideo, readFixture, KICK_MATCH_CLIPS, waitFor } from "@/test/fixtures";
import { childrenOf, isRunning } from "@/test/procs";

let tmp: string;
let file: string;
let stack: ChildProcess;
let stackOut = "";
let redisPort: number;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** The pid the supervisor wrote for `name`'s current process (0 before it wrote one). */
const pidOf = (name: string) => {
  const f = path.join(tmp, "run", `${name}.pid`);
  return existsSync(f) ? Number(readFileSync(f, "utf8").trim()) : 0;
};
const logOf = (name: string) => readFileSync(path.join(tmp, `${name}.log`), "utf8");

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "faults-supervisor-"));
  redisPort = await freePort();
  // Read once by lib/platform/env.ts on first use, which is after this point.
  process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}/0`;
  process.env.QUEUE_PREFIX = "matchcut-faults-supervisor";
  file = path.join(tmp, "match.mp4");
  await buildMatch(KICK_MATCH_CLIPS, file);
  // The same functions up.sh uses; the worker gets short chunks (one is in flight long enough to be
  // caught) and a short lock (the killed worker's chunk is taken over soon).
  const script = `
    source scripts/lib.sh
    trap 'stop_supervised; exit 0' TERM
    supervise redis "$T/redis.log" redis-server --port ${redisPort} --bind 127.0.0.1 --dir "$T" \\
      --appendonly yes --appendfsync always --save "" --daemonize no
    wait_port ${redisPort} Redis
    supervise worker "$T/worker.log" node --import tsx worker/index.ts
    echo "supervising ${"$"}{SUPERVISED[*]}"
    wait "${"$"}{SUPERVISED[@]}"
  `;
  stack = spawn("bash", ["-c", script], {
    env: {
      ...process.env,
      T: tmp,
      SUPERVISE_RUN: path.join(tmp, "run"),
      ANALYZE_CHUNK_S: "20",
      WORKER_LOCK_MS: "6000",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  stack.stdout!.on("data", (d: Buffer) => (stackOut += d.toString()));
  stack.stderr!.on("data", (d: Buffer) => (stackOut += d.toString()));
  await waitFor(async () => (pidOf("worker") > 0 && pidOf("redis") > 0) || null, 30_000).catch(() => {
    throw new Error(`the supervised stack did not start: ${stackOut.slice(-2000)}`);
  });
}, 300_000);
afterAll(async () => {
  if (stack && stack.exitCode === null && stack.signalCode === null) {
    const gone = new Promise((r) => stack.once("exit", r));
    stack.kill("SIGTERM");
    await gone;
  }
  await closeQueues();
  await disconnectDb();
});

describe("faults: npm run up's supervisor (scripts/supervise.sh)", () => {
  it(
    "kill -9 of the worker mid-chunk: it is restarted with a log line, Redis stays up, the analysis completes",
    { timeout: 900_000 },
    async () => {
      const u = await makeUser("editor");
      const video = await makeVideo(u.id, await readFixture(file), "supervised.mp4");
      await startJob(db(), "upload complete", "probe", { videoId: video.id });

      const first = pidOf("worker");
      const redisBefore = pidOf("redis");
      await waitFor(async () => {
        const decoding = childrenOf(first).some((p) => p.comm === "ffmpeg" && p.cmdline.includes(video.id));
        return decoding || null;
      }, 300_000);
      process.kill(first, "SIGKILL");

      // Back after the first backoff step (1 s), as a new process, with a line saying why.
      const second = await waitFor(async () => {
        const pid = pidOf("worker");
        return pid !== first && pid > 0 && isRunning(pid) ? pid : null;
      }, 15_000);
      expect(logOf("worker")).toMatch(
        /worker exited \(killed by SIGKILL\) after \d+ s; restarting in 1 s \(restart 1\)/,
      );
      expect(stackOut).toMatch(/worker exited \(killed by SIGKILL\)/);
      expect(pidOf("redis")).toBe(redisBefore);
      expect(isRunning(redisBefore)).toBe(true);

      const done = await waitFor(async () => {
        const v = await db().video.findUnique({ where: { id: video.id } });
        return v && (v.status === "ready" || v.status === "failed") ? v : null;
      }, 600_000);
      expect(done).toMatchObject({ status: "ready", error: null, progress: 1 });
      expect(pidOf("worker")).toBe(second);
      expect(isRunning(second)).toBe(true);
    },
  );

  it(
    "kill -9 of Redis: restarted with its data; a stop request ends everything",
    { timeout: 120_000 },
    async () => {
      const completedBefore = await queueFor("probe").getCompletedCount();
      expect(completedBefore).toBeGreaterThan(0);
      const redis = pidOf("redis");
      process.kill(redis, "SIGKILL");
      const again = await waitFor(async () => {
        const pid = pidOf("redis");
        return pid !== redis && pid > 0 && isRunning(pid) ? pid : null;
      }, 15_000);
      expect(logOf("redis")).toMatch(
        /redis exited \(killed by SIGKILL\) after \d+ s; restarting in 1 s \(restart 1\)/,
      );
      // The append-only file brought BullMQ's bookkeeping back.
      const completedAfter = await waitFor(
        () =>
          queueFor("probe")
            .getCompletedCount()
            .catch(() => null),
        15_000,
      );
      expect(completedAfter).toBe(completedBefore);

      const worker = pidOf("worker");
      const exited = new Promise<number | null>((r) => stack.once("exit", (code) => r(code)));
      stack.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(isRunning(worker)).toBe(false);
      expect(isRunning(again)).toBe(false);
      expect(existsSync(path.join(tmp, "run", "worker.pid"))).toBe(false);
    },
  );
});
