// Issue #17: what operators read — the queue overview with a job that really failed, retry/remove on it,
// and the Prometheus exposition at /api/metrics (parsed, and its queue depth following a queued job).
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

const TOKEN = `metrics-${randomUUID()}`;
process.env.METRICS_TOKEN = TOKEN;

const { GET } = await import("@/app/api/metrics/route");
const { createSession, SESSION_COOKIE } = await import("@/lib/auth/session");
const { db, disconnectDb } = await import("@/lib/platform/db");
const { enqueue, queueFor, queuesOverview, removeJob, retryJob } = await import("@/lib/queue");
const { startRuntime } = await import("@/worker/runtime");
const { probeJob } = await import("@/worker/jobs/probe");
const { makeUser, makeVideo, waitFor } = await import("./fixtures");
type JobDefinition = import("@/worker/jobs/types").JobDefinition;

/** Prometheus text format → `name{labels}` → value (labels as written, sorted by prom-client). */
function parseExposition(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  GET(new NextRequest("http://localhost/api/metrics", { headers }));

let runtime: ReturnType<typeof startRuntime>;
let ownerId: string;
beforeAll(async () => {
  runtime = startRuntime([probeJob as JobDefinition]);
  ownerId = (await makeUser()).id;
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

describe("queue overview (real Redis, worker and ffprobe)", () => {
  it("lists a probe that failed on a corrupt upload with its reason, and retries and removes it", async () => {
    const video = await makeVideo(ownerId, new TextEncoder().encode("Team sheet\n".repeat(500)), "notes.mp4");
    const jobId = (await enqueue("probe", { videoId: video.id }, { jobId: `${video.id}:probe` }))!;
    const failed = await waitFor(async () =>
      (await queuesOverview()).failed.find((j) => j.queue === "probe" && j.id === jobId),
    );
    expect(failed.failedReason).toBe("this is a text file, not a video");
    expect(failed.stackHead).toMatch(/UnrecoverableError/);
    expect(failed.data).toEqual({ videoId: video.id });
    expect(failed.attemptsMade).toBeGreaterThanOrEqual(1);
    const probeCounts = (await queuesOverview()).queues.find((q) => q.queue === "probe")!;
    expect(probeCounts.counts.failed).toBeGreaterThanOrEqual(1);

    await expect(removeJob("probe", "no-such-job")).rejects.toMatchObject({ status: 404 });
    // Retried for real: the worker takes it again and it fails again, with a fresh finish time.
    await retryJob("probe", jobId);
    await waitFor(async () => {
      const again = (await queuesOverview()).failed.find((j) => j.id === jobId);
      return again && again.finishedAt !== failed.finishedAt ? again : null;
    });
    await removeJob("probe", jobId);
    expect(await queueFor("probe").getJob(jobId)).toBeUndefined();
    await expect(retryJob("probe", jobId)).rejects.toMatchObject({ status: 404 });
  });
});

describe("/api/metrics", () => {
  it("exposes queue depth per kind and state that follows a queued job", async () => {
    // filmstrip shares the CPU queue with the other heavy kinds (queued there with a priority):
    // the depth is still the kind's own.
    const key = 'matchcut_queue_jobs{queue="filmstrip",state="prioritized"}';
    const proxyKey = 'matchcut_queue_jobs{queue="proxy",state="prioritized"}';
    const before = parseExposition(await (await scrape()).text());
    expect(before.has(key)).toBe(true);
    // Nobody runs filmstrip jobs in this test: the job stays waiting.
    const jobId = (await enqueue("filmstrip", { videoId: randomUUID() }))!;
    try {
      const res = await scrape();
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      const after = parseExposition(await res.text());
      expect(after.get(key)).toBe(before.get(key)! + 1);
      expect(after.get(proxyKey)).toBe(before.get(proxyKey));
      expect(after.get('matchcut_queue_jobs{queue="probe",state="failed"}')).toBeDefined();
      for (const name of ["matchcut_analyses", "matchcut_videos", "matchcut_web_process_cpu_seconds_total"])
        expect([...after.keys()].some((k) => k.startsWith(name))).toBe(true);
    } finally {
      await removeJob("filmstrip", jobId);
    }
    const removed = parseExposition(await (await scrape()).text());
    expect(removed.get(key)).toBe(before.get(key));
  });

  it("exposes the realtime factor of a completed analysis from the database", async () => {
    const video = await db().video.create({
      data: {
        ownerId,
        title: "rtf",
        originalName: "rtf.mp4",
        sourceKey: `test/${randomUUID()}.mp4`,
        size: 1n,
        durationS: 6000,
        ...videoLifecycle.seed("ready"),
      },
    });
    const createdAt = new Date(Date.now() - 60_000);
    await db().analysis.create({
      data: {
        videoId: video.id,
        modelId: "m",
        modelVersion: "1",
        ...analysisLifecycle.seed("complete"),
        createdAt,
        completedAt: new Date(createdAt.getTime() + 500),
      },
    });
    const m = parseExposition(await (await scrape()).text());
    // 6000 s of video in 0.5 s of wall time: faster than any real analysis, so it is the maximum.
    expect(m.get('matchcut_analysis_realtime_factor{quantile="1"}')).toBe(12_000);
  });

  it("exposes the CPU seconds of finished jobs per kind, their own and their children's (issue #25)", async () => {
    const jobs = 'matchcut_job_cpu_jobs{queue="probe"}';
    const children = 'matchcut_job_cpu_seconds{queue="probe",part="children"}';
    const self = 'matchcut_job_cpu_seconds{queue="probe",part="self"}';
    const before = parseExposition(await (await scrape()).text());
    for (const k of [jobs, children, self]) expect(before.has(k), k).toBe(true);
    // A probe that fails (this file is refused by its first bytes, before any ffprobe) counts all the same;
    // worker/cpu-account.test.ts checks the children's share against a child's own figure.
    const video = await makeVideo(ownerId, new TextEncoder().encode("Team sheet\n".repeat(500)), "cpu.mp4");
    const jobId = (await enqueue("probe", { videoId: video.id }, { jobId: `${video.id}:probe` }))!;
    const after = await waitFor(async () => {
      const m = parseExposition(await (await scrape()).text());
      return m.get(jobs)! > before.get(jobs)! ? m : null;
    });
    expect(after.get(jobs)).toBe(before.get(jobs)! + 1);
    expect(after.get(children)!).toBeGreaterThanOrEqual(before.get(children)!);
    expect(after.get(self)!).toBeGreaterThan(before.get(self)!);
    await removeJob("probe", jobId);
  });

  it("refuses without credentials (401), with a wrong token or a non-admin session (403)", async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: "Bearer wrong-token-of-some-length" })).status).toBe(403);
    const editor = await makeUser("editor");
    const { token } = await createSession(editor.id);
    expect((await scrape({ cookie: `${SESSION_COOKIE}=${token}` })).status).toBe(403);
    const admin = await makeUser("admin");
    const s = await createSession(admin.id);
    const res = await scrape({ cookie: `${SESSION_COOKIE}=${s.token}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP matchcut_/m);
  });
});
