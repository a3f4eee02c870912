// Issue #17, scaling out: two workers on the one CPU queue share the chunks of one analysis. Two
// runtimes in this test process, each with one CPU slot and a BullMQ worker name of its own, and one
// analysis of a real match: both names must be among the chunks' `processedBy`.
process.env.ANALYZE_CHUNK_S = "10";
// Its own queues: heavy jobs other test files left in the shared CPU queue would take the slots first.
process.env.QUEUE_PREFIX = `matchcut-cpu-share-${process.pid}`;

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { jobIdOf } from "@/lib/pipeline/enqueue";
import { enqueue, queueFor } from "@/lib/queue";
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
import { jobs } from "./jobs/registry";
import { startRuntime, type Runtime } from "./runtime";
import { videoLifecycle } from "@/lib/videos/lifecycle";

const NAMES = ["share-a", "share-b"];

const runtimes: Runtime[] = [];
let match: string;

beforeAll(async () => {
  match = path.join(await mkdtemp(path.join(tmpdir(), "cpu-share-")), "match.mp4");
  await buildMatch(KICK_MATCH_CLIPS, match);
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  await disconnectDb();
});

describe("two workers on the CPU queue (real Redis, ffmpeg, ONNX, S3, Postgres)", () => {
  it("share the chunks of one analysis", { timeout: 600_000 }, async () => {
    for (const name of NAMES) runtimes.push(startRuntime(jobs, { cpuSlots: 1, name }));
    const u = await makeUser();
    const v = await makeVideo(u.id, await readFixture(match), "match.mp4");
    // buildMatch makes 720p25 without audio; probed as the probe job would leave it
    const probed = { durationS: await durationOf(match), fps: 25, width: 1280, height: 720, hasAudio: false };
    await db().video.update({
      where: { id: v.id },
      data: { ...videoLifecycle.seed("processing"), ...probed },
    });
    await enqueue("analyze", { videoId: v.id }, { jobId: `${v.id}:analyze` });

    const done = await waitFor(async () => {
      const row = await db().video.findUnique({ where: { id: v.id } });
      return row && (row.status === "ready" || row.status === "failed") ? row : null;
    }, 500_000);
    expect(done.error).toBeNull();
    const analysis = await db().analysis.findFirstOrThrow({ where: { videoId: v.id, current: true } });
    const count = (analysis.params as { chunks: number }).chunks;
    expect(count).toBeGreaterThanOrEqual(3);
    const chunks = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        queueFor("analyze-chunk").getJob(
          safeJobId(jobIdOf("analyze-chunk", { analysisId: analysis.id, index })),
        ),
      ),
    );
    const takers = chunks.map((c) => c?.processedBy);
    expect(takers.every((t) => NAMES.includes(t ?? ""))).toBe(true);
    expect(new Set(takers).size).toBe(NAMES.length);
    // Its proxy and filmstrip are not this test's: deleted, they stop at their next cancellation check.
    await trashVideo({ id: u.id, email: u.email, name: u.name, role: u.role }, v.id);
  });
});
