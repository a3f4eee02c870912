// Issue #16: every file of the bad-input corpus (test/bad-inputs/corpus.ts) goes through the real
// pipeline in a real worker process and ends ready or failed with its specific reason; the worker
// survives all of them and no job is left behind. Own queue prefix: no other test's leftovers.
process.env.QUEUE_PREFIX = `matchcut-badinput-${process.pid}`;

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverageFrom } from "@/lib/analysis/coverage";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeQueues, enqueue, queueCounts } from "@/lib/queue";
import { presignGet } from "@/lib/platform/storage";
import { keys } from "@/lib/platform/storage/keys";
import { buildCorpus } from "@/test/bad-inputs/build";
import { expected, outcomeOf, type Outcome } from "@/test/bad-inputs/expected";
import { makeUser, makeVideo, waitFor } from "@/test/fixtures";
import { ffprobeJson } from "@/test/media";

let dir: string;
let worker: ChildProcess;
let workerExit: string | null = null;
const videos = new Map<string, string>(); // corpus name → video id

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "bad-inputs-"));
  worker = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: process.env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  worker.once("exit", (code, signal) => (workerExit = `exit ${code ?? signal}`));
  const files = await buildCorpus(dir);
  const { id: ownerId } = await makeUser();
  for (const f of files) {
    const v = await makeVideo(ownerId, new Uint8Array(await readFile(path.join(dir, f.name))), f.name);
    videos.set(f.name, v.id);
    await enqueue("probe", { videoId: v.id }, { jobId: `${v.id}:probe` });
  }
}, 300_000);

afterAll(async () => {
  if (worker.exitCode === null) worker.kill("SIGTERM");
  await closeQueues();
  await disconnectDb();
  await rm(dir, { recursive: true, force: true });
});

const open = (c: Record<string, number>) =>
  c.waiting! + c.active! + c.delayed! + c.prioritized! + c["waiting-children"]!;
// The worker schedules the janitor's next run (delayed by design, lib/pipeline/graph.ts): not leftover work.
const leftover = (q: { queue: string; counts: Record<string, number> }) =>
  q.queue === "janitor" ? q.counts.waiting! + q.counts.active! : open(q.counts);

describe("bad-input corpus through the real worker (ffmpeg, ONNX, S3, Redis, Postgres)", () => {
  it("every file ends in its expected result or specific reason", { timeout: 900_000 }, async () => {
    // Settled: every video ready or failed, and every queue (proxy, filmstrip, clips …) drained.
    await waitFor(async () => {
      const rows = await db().video.findMany({ where: { id: { in: [...videos.values()] } } });
      if (rows.some((v) => v.status !== "ready" && v.status !== "failed")) return null;
      const counts = await queueCounts();
      return counts.every((q) => leftover(q) === 0) ? true : null;
    }, 840_000);

    const table: [string, Outcome][] = [];
    for (const [name, id] of videos) {
      const v = await db().video.findUniqueOrThrow({
        where: { id },
        include: { analyses: { where: { current: true } } },
      });
      table.push([name, outcomeOf(v)]);
      // A ready video's warning comes from its analysis's stored coverage, gaps and all.
      if (v.status === "ready") {
        const coverage = coverageFrom(v.analyses[0]?.coverage);
        expect(coverage, name).not.toBeNull();
        expect(coverage!.gaps.length > 0, name).toBe(v.warning !== null);
        expect(coverage!.analysedFrames, name).toBeGreaterThan(0);
      }
    }
    // docs/using.md's table is this output (`npm test -- integration worker/jobs/bad-inputs.int.test.ts`).
    console.log(table.map(([n, o]) => `| ${n} | ${o.status} | ${o.detail} |`).join("\n"));

    for (const [name, got] of table) {
      const want = expected[name];
      expect(want, `no expectation for ${name}`).toBeDefined();
      expect({ name, status: got.status }).toEqual({ name, status: want!.status });
      if (want!.detail instanceof RegExp) expect(got.detail, name).toMatch(want!.detail);
      else expect(got.detail, name).toBe(want!.detail);
    }
    expect(workerExit, "the worker process must survive every file").toBeNull();
    // Nothing left waiting, active, delayed or waiting for children in any queue (but the janitor's next run).
    const unfinished = (await queueCounts()).filter((q) => leftover(q) > 0);
    expect(unfinished).toEqual([]);
  });

  it("keeps a phone video's display-matrix rotation: portrait proxy", async () => {
    const v = await db().video.findUniqueOrThrow({ where: { id: videos.get("rotated-90.mp4")! } });
    expect([v.width, v.height, v.rotation]).toEqual([640, 360, 90]);
    // A phone's file with its index at the end and one keyframe in 3 s gets a proxy (issue #25: in pieces).
    expect(v.playback).toBe("proxy");
    expect(v.proxyPiecesDone).toBeGreaterThanOrEqual(1);
    const proxy = await ffprobeJson(await presignGet(keys.proxyPiece(v.id, 0), { internal: true }));
    const s = proxy.streams.find((x) => x.codec_type === "video")!;
    expect(s.height!).toBeGreaterThan(s.width!); // upright: taller than wide, not a shrunk landscape
    expect(s.height).toBe(640);
  });
});
