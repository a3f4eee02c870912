// Redis down (issue #23): /api/admin/queues and /api/metrics hung for 30 s and more, and a worker wrote
// about 17 error lines a second. Now every route that reads or changes queues answers 503 with a reason
// within 2 s — Redis stopped before the process first used it, stopped after, and frozen (connections
// open, nothing answers) — and a worker logs the outage once (then at most once a minute).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { GET as getQueues } from "@/app/api/admin/queues/route";
import { POST as postJob } from "@/app/api/admin/queues/[queue]/jobs/[jobId]/route";
import { disconnectDb } from "@/lib/platform/db";
import { closeQueues } from "@/lib/queue";
import { makeUser, waitFor } from "@/test/fixtures";
import { privateRedis, type PrivateRedis } from "@/test/private-redis";
import { call, cookieFor } from "@/test/routes";

let redis: PrivateRedis;
let cookie: string;

beforeAll(async () => {
  redis = await privateRedis();
  // Read once by lib/platform/env.ts on first use, which is after this point.
  process.env.REDIS_URL = redis.url;
  process.env.QUEUE_PREFIX = "matchcut-faults-redis-routes";
  cookie = await cookieFor((await makeUser("admin")).id);
});
afterAll(async () => {
  redis?.thaw();
  await redis?.start();
  await closeQueues();
  await redis?.dispose();
  await disconnectDb();
});

const requests = () => [
  {
    name: "GET /api/admin/queues",
    run: () => call(getQueues, { method: "GET", path: "/api/admin/queues", cookie }),
  },
  { name: "GET /api/metrics", run: () => call(getMetrics, { method: "GET", path: "/api/metrics", cookie }) },
  {
    name: "POST /api/admin/queues/probe/jobs/…",
    run: () =>
      call(postJob, {
        method: "POST",
        path: "/api/admin/queues/probe/jobs/x",
        params: { queue: "probe", jobId: randomUUID() },
        cookie,
        json: { action: "retry" },
      }),
  },
];

/** Every request answers 503 with a reason that names Redis, within 2 s. */
async function expectUnavailable(when: string) {
  for (const r of requests()) {
    const t0 = Date.now();
    const res = await r.run();
    const ms = Date.now() - t0;
    const body = (await res.json()) as { error?: string; code?: string };
    console.log(`Redis ${when}: ${r.name} → ${res.status} in ${ms} ms: ${body.error}`);
    expect({ route: r.name, status: res.status, code: body.code }).toEqual({
      route: r.name,
      status: 503,
      code: "unavailable",
    });
    expect(body.error).toMatch(/Redis.*(not reachable|did not answer)/);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(ms).toBeLessThan(2_000);
  }
}

describe("faults: routes with Redis down", () => {
  it(
    "answer 503 with a reason within 2 s, and as usual once Redis is back",
    { timeout: 120_000 },
    async () => {
      // Before this process ever reached it: BullMQ waited for the first connection without a bound.
      await redis.stop();
      await expectUnavailable("stopped before first use");

      await redis.start();
      const up = await waitFor(async () => {
        const res = await requests()[0]!.run();
        return res.status === 200 ? res : null;
      }, 30_000);
      expect(((await up.json()) as { queues: unknown[] }).queues.length).toBeGreaterThan(0);
      expect((await requests()[1]!.run()).status).toBe(200);
      expect((await requests()[2]!.run()).status).toBe(404);

      await redis.stop();
      await expectUnavailable("stopped");

      await redis.start();
      await waitFor(async () => ((await requests()[0]!.run()).status === 200 ? true : null), 30_000);
      redis.freeze();
      try {
        await expectUnavailable("frozen");
      } finally {
        redis.thaw();
      }
    },
  );

  it("a worker logs the outage once, not on every reconnect try", { timeout: 240_000 }, async () => {
    await redis.start();
    let out = "";
    const worker: ChildProcess = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
      env: { ...process.env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    worker.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(async () => (out.includes("worker runtime started") ? true : null), 120_000);
      await new Promise((r) => setTimeout(r, 2_000));
      const before = out.length;
      await redis.stop();
      await new Promise((r) => setTimeout(r, 15_000));
      const during = out.slice(before).split("\n").filter(Boolean);
      const problems = during.filter((l) => /"level":(40|50|60)/.test(l));
      console.log(
        `worker with Redis down for 15 s: ${during.length} lines, ${problems.length} warnings/errors`,
      );
      expect(problems.map((l) => JSON.parse(l).msg)).toEqual([
        "Redis is unreachable: jobs wait in the outbox; logged again at most once a minute until it is back",
      ]);

      const back = out.length;
      await redis.start();
      await waitFor(async () => (out.slice(back).includes("Redis is reachable again") ? true : null), 30_000);
    } finally {
      const gone = new Promise((r) => worker.once("exit", r));
      worker.kill("SIGTERM");
      await gone;
    }
  });
});
