// A worker killed with SIGKILL in the middle of an analysis chunk, and a video deleted or re-analysed
// while it is analysed (issue #16). Workers run as real `worker/index.ts` processes so they can be killed.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZScoreFile } from "@/lib/analysis/scores";
import type { SessionUser } from "@/lib/auth/session";
import { db, disconnectDb } from "@/lib/platform/db";
import { runJanitor, janitorReport } from "@/lib/janitor";
import { loadModel } from "@/lib/model";
import { startJob } from "@/lib/pipeline/enqueue";
import { closeQueues, queueFor } from "@/lib/queue";
import { getObjectBytes, listObjects } from "@/lib/platform/storage";
import { trashVideo } from "@/lib/trash/service";
import { REPLACED_ERROR, reanalyzeVideo } from "@/lib/videos/reanalyze";
import { buildMatch, makeUser, makeVideo, readFixture, KICK_MATCH_CLIPS, waitFor } from "@/test/fixtures";
import { childrenOf, isRunning, runningWith } from "@/test/procs";
import { analyze } from "@/worker/analysis/pipeline";

process.env.QUEUE_PREFIX = "matchcut-faults-kill";
// Chunks long enough to be caught mid-way on an idle machine too: 10-s chunks of a 20-s file took 2.9 s
// each there, and the whole analysis was over before the test could see a chunk in flight.
const CHUNK_S = "20";

let tmp: string;
let file: string;
let user: SessionUser;
const workers: ChildProcess[] = [];

function startWorker(name: string): ChildProcess {
  const log = createWriteStream(path.join(tmp, `${name}.log`));
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    // Short chunks so a short file is several; a short lock so the killed worker's chunk is taken over soon.
    env: { ...process.env, ANALYZE_CHUNK_S: CHUNK_S, WORKER_LOCK_MS: "6000", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  workers.push(child);
  return child;
}

async function kill9(child: ChildProcess): Promise<void> {
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await gone;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "faults-kill-"));
  const u = await makeUser("editor");
  user = { id: u.id, email: u.email, name: u.name, role: u.role };
  file = path.join(tmp, "match.mp4");
  await buildMatch(KICK_MATCH_CLIPS, file);
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) await kill9(w);
  await closeQueues();
  await disconnectDb();
});

async function upload(name: string) {
  const v = await makeVideo(user.id, await readFixture(file), name);
  await startJob(db(), "upload complete", "probe", { videoId: v.id });
  return v;
}

/**
 * An analysis chunk of this video is under way: the analysis is running and a chunk has started, seen either
 * as its frame reader (ffmpeg) running or as its progress part way. A chunk decodes ahead into a prefetch
 * buffer, so on an idle machine its ffmpeg can be done while the model is still at work on the chunk: either
 * sign counts, and the stop checks below look at the chunk jobs as well as at ffmpeg.
 */
async function chunkInFlight(videoId: string, worker: ChildProcess) {
  let seen = "nothing";
  return waitFor(async () => {
    const [v, a] = await Promise.all([
      db().video.findUnique({ where: { id: videoId }, select: { status: true, stage: true, error: true } }),
      db().analysis.findFirst({ where: { videoId, status: "running" } }),
    ]);
    const map = (a?.chunkProgress ?? {}) as Record<string, number>;
    const children = childrenOf(worker.pid!);
    seen = `video ${JSON.stringify(v)}, analysis ${a?.id ?? "none running"} ${JSON.stringify(map)}, children ${children.map((p) => p.comm)}`;
    if (v && (v.status === "ready" || v.status === "failed")) {
      throw new Error(`the analysis ended before a chunk was seen in flight; last seen: ${seen}`);
    }
    if (!a) return null;
    // The chunk's frame readers (raw frames to the worker); not the video's proxy piece or waveform, which
    // run beside the chunks since issue #25 and belong to the video, so a re-analysis leaves them be.
    const decoders = children.filter(
      (p) => p.comm === "ffmpeg" && p.cmdline.includes(videoId) && p.cmdline.includes("-f rawvideo"),
    );
    const partway = Object.values(map).some((f) => f > 0 && f < 1);
    return decoders.length > 0 || partway ? { analysisId: a.id, decoders } : null;
  }, 300_000).catch((err: Error) => {
    // Say what the wait last saw, so a miss under load can be told from a fault.
    throw new Error(
      err.message.includes("last seen")
        ? err.message
        : `${err.message} for a chunk in flight; last seen: ${seen}`,
    );
  });
}

/** The chunk has stopped: its ffmpeg is gone and no analyze-chunk job of that analysis is active any more. */
async function chunkStopped(
  analysisId: string,
  decoders: { pid: number; cmdline: string }[],
  timeoutMs: number,
) {
  const activeChunks = async () =>
    (await queueFor("analyze-chunk").getJobs(["active"])).filter(
      (j) => j && (j.data as { analysisId?: string }).analysisId === analysisId,
    );
  await waitFor(
    async () => (decoders.every((d) => !isRunning(d.pid)) && (await activeChunks()).length === 0) || null,
    timeoutMs,
  ).catch(async (err: Error) => {
    const left = decoders.filter((d) => isRunning(d.pid)).map((d) => d.cmdline.slice(0, 300));
    const jobs = (await activeChunks()).map((j) => j.id);
    throw new Error(
      `${err.message} for the chunk to stop; ffmpeg still running: [${left.join(" | ")}], chunk jobs still active: [${jobs.join(", ")}]`,
    );
  });
}

describe("faults: a worker killed mid-chunk, a video deleted or re-analysed mid-analysis", () => {
  it(
    "kill -9 mid-chunk: no orphan ffmpeg, temp dir cleaned, progress ends at 100 %, same scores",
    { timeout: 900_000 },
    async () => {
      const video = await upload("kill.mp4");
      const a = startWorker("worker-a");
      const { analysisId, decoders } = await chunkInFlight(video.id, a);
      const tempA = path.join(tmpdir(), "matchcut-work", String(a.pid));
      expect(existsSync(tempA)).toBe(true);

      await kill9(a);
      // The kernel kills the children with their parent (setpriv --pdeathsig): nothing decodes on.
      await waitFor(async () => decoders.every((d) => !isRunning(d.pid)) || null, 5_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(runningWith(video.id).map((p) => `${p.pid} ${p.comm}`)).toEqual([]);

      const b = startWorker("worker-b");
      let maxWhileRunning = 0;
      const sampler = setInterval(() => {
        void db()
          .analysis.findUnique({ where: { id: analysisId }, select: { status: true, progress: true } })
          .then((r) => {
            if (r?.status === "running") maxWhileRunning = Math.max(maxWhileRunning, r.progress);
          });
      }, 200);
      const done = await waitFor(async () => {
        const v = await db().video.findUnique({ where: { id: video.id } });
        return v && (v.status === "ready" || v.status === "failed") ? v : null;
      }, 600_000);
      clearInterval(sampler);
      expect(done.error).toBeNull();
      expect(done.status).toBe("ready");
      expect(done.progress).toBe(1);
      expect(existsSync(tempA)).toBe(false); // removed by worker B at its start
      expect(isRunning(b.pid!)).toBe(true);

      const analysis = await db().analysis.findUniqueOrThrow({ where: { id: analysisId } });
      const chunks = (analysis.params as { chunks: number }).chunks;
      expect(chunks).toBeGreaterThan(1);
      expect(Object.values(analysis.chunkProgress as Record<string, number>)).toEqual(Array(chunks).fill(1));
      // The chunks' 95 % never over-counted the killed attempt's share.
      console.log(`kill -9: ${chunks} chunks, highest progress while running ${maxWhileRunning.toFixed(4)}`);
      expect(maxWhileRunning).toBeLessThanOrEqual(0.95 + 1e-9);

      // Same scores as one uninterrupted whole-file pass over the same frames.
      const stored = ZScoreFile.parse(
        JSON.parse(new TextDecoder().decode(await getObjectBytes(analysis.scoresKey!))),
      );
      const whole = await analyze({ input: file, model: await loadModel(analysis.modelId) });
      expect(stored.windows).toEqual(whole.timeline.windows);
      const C = whole.timeline.labels.length;
      whole.timeline.labels.forEach((label, c) =>
        stored.scores[label]!.forEach((v, i) => expect(v).toBeCloseTo(whole.timeline.scores[i * C + c]!, 4)),
      );
    },
  );

  it(
    "delete during analysis: the chunk stops within seconds, nothing is left queued, no orphan objects after the janitor",
    { timeout: 600_000 },
    async () => {
      const b = workers.find((w) => w.exitCode === null && w.signalCode === null) ?? startWorker("worker-c");
      const video = await upload("delete.mp4");
      const { analysisId, decoders } = await chunkInFlight(video.id, b);

      const t0 = Date.now();
      await trashVideo(user, video.id);
      await chunkStopped(analysisId, decoders, 15_000);
      const stopMs = Date.now() - t0;
      console.log(`delete during analysis: running chunk stopped ${stopMs} ms after the delete`);
      expect(runningWith(video.id)).toEqual([]);

      const row = await db().video.findUniqueOrThrow({ where: { id: video.id } });
      expect(row.status).toBe("failed");
      expect(row.error).toMatch(/deleted/);
      expect((await db().analysis.findUniqueOrThrow({ where: { id: analysisId } })).status).toBe("failed");

      // The queued chunks, the finaliser and the side jobs are taken and cancelled, not run.
      const names = ["probe", "analyze", "analyze-chunk", "analyze-finalize", "proxy", "filmstrip"] as const;
      const mine = (d: { videoId?: string; analysisId?: string }) =>
        d.videoId === video.id || d.analysisId === analysisId;
      await waitFor(async () => {
        const pending = await Promise.all(
          names.map((n) =>
            queueFor(n).getJobs(["waiting", "active", "delayed", "waiting-children", "prioritized"]),
          ),
        );
        return pending.flat().filter((j) => j && mine(j.data as never)).length === 0 || null;
      }, 120_000);

      // The janitor (as if an hour had passed: it leaves fresh objects alone) removes what the
      // stopped analysis wrote, and then finds nothing of this video to remove.
      const later = new Date(Date.now() + 2 * 3600_000);
      await runJanitor(later);
      expect(await listObjects(`videos/${video.id}/analyses/`)).toEqual([]);
      const report = await janitorReport(later, Infinity);
      expect(report.orphans.filter((o) => o.key.includes(video.id))).toEqual([]);
    },
  );

  it(
    "re-analyse during analysis: the running chunk stops within seconds, the new analysis completes, the janitor removes the old one's objects",
    { timeout: 900_000 },
    async () => {
      const w = workers.find((x) => x.exitCode === null && x.signalCode === null) ?? startWorker("worker-d");
      const video = await upload("again.mp4");
      const { analysisId: old, decoders } = await chunkInFlight(video.id, w);

      const t0 = Date.now();
      // the reply re-reads the video after the job is dispatched: a quick worker may have planned it already
      const reply = await reanalyzeVideo(video.id);
      expect(reply.status).toBe("processing");
      expect(reply.stage).toMatch(/^(queued for analysis|analyzing)$/);
      await chunkStopped(old, decoders, 15_000);
      console.log(
        `re-analyse during analysis: running chunk stopped ${Date.now() - t0} ms after the request`,
      );
      const stopped = await db().analysis.findUniqueOrThrow({ where: { id: old } });
      expect(stopped).toMatchObject({ status: "failed", error: REPLACED_ERROR, current: false });
      const frozen = stopped.progress;

      const done = await waitFor(async () => {
        const v = await db().video.findUnique({ where: { id: video.id } });
        return v && (v.status === "ready" || v.status === "failed") ? v : null;
      }, 600_000);
      expect(done).toMatchObject({ status: "ready", error: null, progress: 1 });
      const analyses = await db().analysis.findMany({ where: { videoId: video.id } });
      expect(analyses.map((a) => [a.id === old ? "old" : "new", a.status, a.current]).sort()).toEqual([
        ["new", "complete", true],
        ["old", "failed", false],
      ]);
      // the stopped analysis's chunks reported nothing more after it was replaced
      expect((await db().analysis.findUniqueOrThrow({ where: { id: old } })).progress).toBe(frozen);
      const fresh = analyses.find((a) => a.id !== old)!;
      expect(await db().highlight.count({ where: { analysisId: old } })).toBe(0);
      expect(await db().highlight.count({ where: { analysisId: fresh.id } })).toBeGreaterThan(0);

      const later = new Date(Date.now() + 2 * 3600_000);
      await runJanitor(later);
      expect(await listObjects(`videos/${video.id}/analyses/${old}/`)).toEqual([]);
      expect((await listObjects(`videos/${video.id}/analyses/${fresh.id}/`)).length).toBeGreaterThan(0);
    },
  );
});
