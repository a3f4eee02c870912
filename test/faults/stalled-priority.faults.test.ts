// Issue #17: a heavy job recovered from a killed worker keeps its place behind better-priority jobs.
// BullMQ's stalled-job check puts such a job on the plain wait list, which workers take before every
// prioritized job; the runtime hands it back (worker/runtime.ts). Here a worker process is killed with
// SIGKILL while it encodes a proxy (lowest priority); an analysis is queued meanwhile; a worker that
// then starts must run every chunk before it runs the recovered proxy.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db, disconnectDb } from "@/lib/platform/db";
import { jobIdOf } from "@/lib/pipeline/enqueue";
import { nodeOf } from "@/lib/pipeline/graph";
import { closeQueues, enqueue, queueFor } from "@/lib/queue";
import { safeJobId } from "@/lib/queue/options";
import { trashVideo } from "@/lib/trash/service";
import {
  buildMatch,
  durationOf,
  makeUser,
  makeVideo,
  readFixture,
  KICK_MATCH_CLIPS,
  waitFor,
} from "@/test/fixtures";
import { childrenOf } from "@/test/procs";
import { jobs } from "@/worker/jobs/registry";
import { startRuntime, type Runtime } from "@/worker/runtime";
import { videoLifecycle } from "@/lib/videos/lifecycle";

process.env.QUEUE_PREFIX = `matchcut-faults-stalled-${process.pid}`;
process.env.ANALYZE_CHUNK_S = "10";
// A short lock: the killed worker's proxy is found stalled within seconds (stalled check every 3 s).
process.env.WORKER_LOCK_MS = "6000";

let tmp: string;
let file: string;
let user: SessionUser;
let killed: ChildProcess | undefined;
const runtimes: Runtime[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "faults-stalled-"));
  const u = await makeUser("editor");
  user = { id: u.id, email: u.email, name: u.name, role: u.role };
  file = path.join(tmp, "match.mp4");
  await buildMatch(KICK_MATCH_CLIPS, file);
});
afterAll(async () => {
  if (killed && killed.exitCode === null && killed.signalCode === null) killed.kill("SIGKILL");
  await Promise.all(runtimes.map((r) => r.close()));
  await closeQueues();
  await disconnectDb();
});

/** A video of the match as the probe job leaves it (buildMatch makes 720p25 without audio). */
async function probedVideo(name: string) {
  const v = await makeVideo(user.id, await readFixture(file), name);
  const data = { durationS: await durationOf(file), fps: 25, width: 1280, height: 720, hasAudio: false };
  return db().video.update({ where: { id: v.id }, data: { ...videoLifecycle.seed("processing"), ...data } });
}

/** Whether process `pid` runs an ffmpeg on this video's files (the proxy encode). */
const encodes = (pid: number, videoId: string) =>
  childrenOf(pid).some((p) => p.comm === "ffmpeg" && p.cmdline.includes(videoId));

function startWorkerProcess(): ChildProcess {
  const log = createWriteStream(path.join(tmp, "killed-worker.log"));
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: { ...process.env, WORKER_CPU_SLOTS: "1", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

describe("faults: a proxy recovered from a killed worker", () => {
  it("waits for the chunks of an analysis queued while it was stalled", { timeout: 900_000 }, async () => {
    const cpu = queueFor("proxy");
    const old = await probedVideo("old.mp4");
    const proxyId = (await enqueue("proxy", { videoId: old.id }, { jobId: `${old.id}:proxy` }))!;

    killed = startWorkerProcess();
    const pid = killed.pid!;
    await waitFor(async () => {
      const job = await cpu.getJob(proxyId);
      return job?.processedBy?.endsWith(`:${pid}`) && encodes(pid, old.id);
    }, 300_000);
    const gone = new Promise((r) => killed!.once("exit", r));
    killed.kill("SIGKILL");
    await gone;
    expect(await (await cpu.getJob(proxyId))!.getState()).toBe("active"); // held by a dead worker

    // The analysis is planned by a runtime without a CPU slot, so its chunks queue up untaken.
    runtimes.push(startRuntime(jobs.filter((d) => !nodeOf(d.name).cpu)));
    const video = await probedVideo("new.mp4");
    await enqueue("analyze", { videoId: video.id }, { jobId: `${video.id}:analyze` });
    const analysis = await waitFor(() =>
      db().analysis.findFirst({ where: { videoId: video.id, status: "running" } }),
    );
    const count = (analysis.params as { chunks: number }).chunks;
    expect(count).toBeGreaterThanOrEqual(3);
    const chunkIds = Array.from({ length: count }, (_, index) =>
      safeJobId(jobIdOf("analyze-chunk", { analysisId: analysis.id, index })),
    );
    await waitFor(async () => (await Promise.all(chunkIds.map((id) => cpu.getJob(id)))).every(Boolean));
    // Past the dead worker's lock: the next stalled check recovers the proxy.
    await new Promise((r) => setTimeout(r, 7_000));

    // When the recovered proxy's encode first runs in this process (sampled: if it went first, it may
    // be over before the analysis is).
    let encodeAt: number | undefined;
    const sampler = setInterval(() => {
      if (encodeAt === undefined && encodes(process.pid, old.id)) encodeAt = Date.now();
    }, 200);
    runtimes.push(
      startRuntime(
        jobs.filter((d) => nodeOf(d.name).cpu),
        { cpuSlots: 1, name: "after-kill" },
      ),
    );
    const recoveredAt = await waitFor(async () => {
      const job = await cpu.getJob(proxyId);
      return job && job.stalledCounter > 0 ? Date.now() : null;
    });
    const done = await waitFor(async () => {
      const v = await db().video.findUnique({ where: { id: video.id } });
      return v && (v.status === "ready" || v.status === "failed") ? v : null;
    }, 600_000);
    expect(done.error).toBeNull();
    await waitFor(async () => encodeAt, 300_000).finally(() => clearInterval(sampler));
    expect((await cpu.getJob(proxyId))!.processedBy).toBe("after-kill");

    const chunkStarts = (await Promise.all(chunkIds.map((id) => cpu.getJob(id)))).map((c) => c!.processedOn!);
    // The test means something only if chunks were still queued when the proxy came back.
    expect(Math.max(...chunkStarts)).toBeGreaterThan(recoveredAt);
    expect(encodeAt!).toBeGreaterThan(Math.max(...chunkStarts));
    // Done with it: the deleted video's encode stops at its next cancellation check.
    await trashVideo(user, old.id);
  });
});
