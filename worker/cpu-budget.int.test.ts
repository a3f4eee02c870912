// Issue #17: a busy proxy/filmstrip queue does not delay an analysis beyond its slot wait. One CPU slot,
// background encodes of real footage queued first, then an analysis: its chunks must be the next heavy
// jobs the worker takes; only the encode already running may start before them.
process.env.ANALYZE_CHUNK_S = "10";
// Its own queues: heavy jobs other test files left in the shared CPU queue would otherwise take the slot
// first and be counted as the running encode.
process.env.QUEUE_PREFIX = `matchcut-cpu-budget-${process.pid}`;

import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { BACKGROUND_NICENESS, CPU_QUEUE } from "@/lib/pipeline/graph";
import { enqueue, namedQueue } from "@/lib/queue";
import {
  buildMatch,
  durationOf,
  makeUser,
  makeVideo,
  readFixture,
  KICK_MATCH_CLIPS,
  waitFor,
} from "@/test/fixtures";
import { jobs } from "./jobs/registry";
import { startRuntime, type Runtime } from "./runtime";
import { videoLifecycle } from "@/lib/videos/lifecycle";

const BACKGROUND_VIDEOS = 3;
type Job = Awaited<ReturnType<ReturnType<typeof namedQueue>["getJob"]>>;

let runtime: Runtime | undefined;
let ownerId: string;
let match: string;

beforeAll(async () => {
  ownerId = (await makeUser()).id;
  match = path.join(await mkdtemp(path.join(tmpdir(), "cpu-budget-")), "match.mp4");
  await buildMatch(KICK_MATCH_CLIPS, match);
});
afterAll(async () => {
  await runtime?.close();
  await disconnectDb();
});

/** A video of the match, already probed (as the probe job would leave it), so proxy and filmstrip run. */
async function probedVideo() {
  const v = await makeVideo(ownerId, await readFixture(match), "match.mp4");
  // buildMatch makes 720p25 without audio
  const data = { durationS: await durationOf(match), fps: 25, width: 1280, height: 720, hasAudio: false };
  return db().video.update({ where: { id: v.id }, data: { ...videoLifecycle.seed("processing"), ...data } });
}

/** Niceness of this process's proxy/filmstrip ffmpeg (fluent-ffmpeg runs it as `nice -n N ffmpeg`). */
async function encodeNiceness(): Promise<number[]> {
  const { stdout } = await promisify(execFile)("ps", ["-o", "ni=,args=", "--ppid", String(process.pid)]);
  return stdout
    .split("\n")
    .filter((l) => /^\s*-?\d+\s+\S*ffmpeg .*\/(proxy|filmstrip)-/.test(l))
    .map((l) => Number.parseInt(l, 10));
}

describe("worker CPU budget (real Redis, ffmpeg, ONNX, S3, Postgres)", () => {
  it("runs an analysis's chunks before background encodes queued earlier", { timeout: 600_000 }, async () => {
    const background: string[] = [];
    for (let i = 0; i < BACKGROUND_VIDEOS; i++) {
      const v = await probedVideo();
      background.push((await enqueue("proxy", { videoId: v.id }, { jobId: `${v.id}:proxy` }))!);
      background.push((await enqueue("filmstrip", { videoId: v.id }, { jobId: `${v.id}:filmstrip` }))!);
    }
    const queue = namedQueue(CPU_QUEUE);
    runtime = startRuntime(jobs, { cpuSlots: 1 });

    // A background encode is running; it runs niced, and the others wait for the one slot.
    const running = await waitFor(async () => (await queue.getJobs(["active"])).find(Boolean), 120_000);
    expect(background).toContain(running.id);
    // Six encodes for one slot: one of them is running now (the worker's other ffmpeg children, such
    // as its start-up hwaccel check, are told apart by the encodes' temp dirs).
    const nice = await waitFor(async () => {
      const n = await encodeNiceness();
      return n.length > 0 ? n : null;
    }, 60_000);
    expect(nice).toEqual([BACKGROUND_NICENESS]);

    const video = await probedVideo();
    await enqueue("analyze", { videoId: video.id }, { jobId: `${video.id}:analyze` });
    const done = await waitFor(async () => {
      const v = await db().video.findUnique({ where: { id: video.id } });
      return v && (v.status === "ready" || v.status === "failed") ? v : null;
    }, 500_000);
    expect(done.error).toBeNull();
    const analysis = await db().analysis.findFirstOrThrow({ where: { videoId: video.id, current: true } });
    const chunkCount = (analysis.params as { chunks: number }).chunks;
    expect(chunkCount).toBeGreaterThan(1);

    const chunks = await Promise.all(
      Array.from({ length: chunkCount }, (_, i) => queue.getJob(`${analysis.id}_chunk_${i}`)),
    );
    const started = (j: Job | undefined) => j?.processedOn ?? Number.POSITIVE_INFINITY;
    expect(chunks.every((c) => c && Number.isFinite(started(c)))).toBe(true);
    const queuedAt = Math.min(...chunks.map((c) => c!.timestamp));
    const lastChunkStart = Math.max(...chunks.map(started));

    // Every background job is either one that had started before the chunks were queued (one slot:
    // at most one), or starts after the last chunk did. Jobs that never started count as after.
    const bg = await Promise.all(background.map((id) => queue.getJob(id)));
    const before = bg.filter((j) => started(j) < queuedAt);
    const between = bg.filter((j) => started(j) >= queuedAt && started(j) < lastChunkStart);
    expect(before.length).toBeLessThanOrEqual(1);
    expect(between.map((j) => j?.id)).toEqual([]);
    // The queue really was busy: encodes were still waiting when the analysis came.
    expect(bg.length - before.length).toBeGreaterThanOrEqual(BACKGROUND_VIDEOS);
  });
});
