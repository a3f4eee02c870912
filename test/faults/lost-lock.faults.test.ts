// A job that loses its lock while Redis is down (issue #23): before, its ffmpeg ran on through the
// outage, and once Redis was back the job was taken again by another worker while the first copy still
// ran (two copies of one clip cut held both CPU slots for 18 minutes). Here two runtimes of one CPU slot
// each share a private Redis; the job's handler is a stand-in that runs one ffmpeg through the real
// runner (worker/ffmpeg/run.ts) so the test controls how long it lasts; Redis is killed while it runs.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/platform/db";
import { closeQueues, enqueue, queueFor } from "@/lib/queue";
import { safeJobId } from "@/lib/queue/options";
import { waitFor } from "@/test/fixtures";
import { privateRedis, type PrivateRedis } from "@/test/private-redis";
import { runningWith } from "@/test/procs";
import { runFfmpeg } from "@/worker/ffmpeg/run";
import { job, type JobDefinition } from "@/worker/jobs/types";
import { lockGraceMs } from "@/worker/lock-watch";
import { startRuntime, type Runtime } from "@/worker/runtime";

const LOCK_MS = 6_000;
const marker = `lost-lock-${randomUUID()}`;
let redis: PrivateRedis;
const runtimes: Runtime[] = [];

/** Every start of the stand-in, and how many ran at once at most. */
const runs: { runtime: string; startedAt: number; endedAt?: number; outcome?: string }[] = [];
let running = 0;
let mostAtOnce = 0;

/** The cut-clip kind (a CPU-slot job, like the one in the issue) with a handler that runs one ffmpeg. */
function standIn(runtime: string): JobDefinition {
  return job("cut-clip", {
    options: { concurrency: 1, timeoutMs: 120_000 },
    async handle(_data, ctx) {
      const run: (typeof runs)[number] = { runtime, startedAt: Date.now() };
      runs.push(run);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      try {
        // -re: at the input's own pace, so it lasts this many seconds and costs almost no CPU. The
        // first run outlasts the outage; the run after it is short.
        const seconds = runs.length === 1 ? 40 : 3;
        await runFfmpeg(
          {
            input: `testsrc=size=64x36:rate=5:duration=${seconds}`,
            inputOptions: ["-re", "-f", "lavfi"],
            output: "/dev/null",
            outputOptions: ["-metadata", `comment=${marker}`, "-f", "null"],
          },
          ctx.signal,
        );
        run.outcome = "done";
      } catch (err) {
        run.outcome = (err as Error).message;
        throw err;
      } finally {
        run.endedAt = Date.now();
        running--;
      }
    },
  });
}

beforeAll(async () => {
  redis = await privateRedis();
  // Read once by lib/platform/env.ts on first use, which is after this point.
  process.env.REDIS_URL = redis.url;
  process.env.QUEUE_PREFIX = "matchcut-faults-lock";
  process.env.WORKER_LOCK_MS = String(LOCK_MS);
  for (const name of ["a", "b"]) runtimes.push(startRuntime([standIn(name)], { cpuSlots: 1, name }));
});
afterAll(async () => {
  // Closing the workers needs Redis: start it again if an assertion failed while it was stopped.
  await redis?.start();
  await Promise.all(runtimes.map((r) => r.close()));
  await closeQueues();
  await redis?.dispose();
  await disconnectDb();
});

const ffmpegs = () => runningWith(marker).filter((p) => p.comm === "ffmpeg");

describe("faults: a job that loses its lock (Redis down)", () => {
  it("kills its ffmpeg before the lock can lapse, and runs again once, never twice at once", async () => {
    let mostFfmpegs = 0;
    const sampler = setInterval(() => (mostFfmpegs = Math.max(mostFfmpegs, ffmpegs().length)), 100);
    try {
      const jobId = `${randomUUID()}:clip`;
      await enqueue("cut-clip", { highlightId: randomUUID(), revision: 0 }, { jobId });
      const [child] = await waitFor(async () => {
        const found = ffmpegs();
        return found.length > 0 ? found : null;
      }, 60_000);

      await redis.stop();
      const down = Date.now();
      // Gone within the grace (before the lock expires, and so before any stalled-job check can hand
      // the job to another worker), while Redis is still down.
      await waitFor(async () => (ffmpegs().length === 0 ? true : null), LOCK_MS).catch(() => {
        throw new Error(`ffmpeg ${child!.pid} still ran ${LOCK_MS} ms after Redis went down`);
      });
      const killedAfter = Date.now() - down;
      expect(killedAfter).toBeLessThan(LOCK_MS);
      expect(runs[0]!.outcome).toBe("aborted");
      console.log(
        `lost lock: ffmpeg killed ${killedAfter} ms after Redis went down (grace ${lockGraceMs(LOCK_MS)} ms after the last renewal)`,
      );

      // Down for twice the lock: the lock has expired by the time Redis is back.
      await new Promise((r) => setTimeout(r, 2 * LOCK_MS - (Date.now() - down)));
      await redis.start();
      // (the producer fails fast until it has reconnected)
      const job = await waitFor(async () => {
        const j = await queueFor("cut-clip")
          .getJob(safeJobId(jobId))
          .catch(() => undefined);
        const state = await j?.getState().catch(() => undefined);
        return state === "completed" ? j : null;
      }, 90_000);

      expect(runs.map((r) => r.outcome)).toEqual(["aborted", "done"]);
      // The second run started only after Redis was back, and after the first had ended.
      expect(runs[1]!.startedAt).toBeGreaterThanOrEqual(runs[0]!.endedAt!);
      expect(mostAtOnce).toBe(1);
      expect(mostFfmpegs).toBe(1);
      // Handed back, not failed: the completed run is the only attempt counted.
      expect(job!.attemptsMade).toBe(1);
      expect(job!.failedReason || null).toBeNull();
    } finally {
      clearInterval(sampler);
    }
  });
});
