// Issues #24/#25 honest status: a clip cut queued in the editors' lane says how many go first, the count
// follows BullMQ's real order (plain wait list first, then priority; the CPU queue's chunks and encodes
// are another lane and never ahead),
// a running job shows the progress the runtime wrote, and a frozen Redis costs the status poll under a
// second and shows "waiting" without a place instead of failing. Real Redis (a private one, so it can
// be frozen), real BullMQ, real Postgres; the API's own service functions.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listHighlights } from "@/lib/clips/service";
import { db, disconnectDb } from "@/lib/platform/db";
import { INTERACTIVE_QUEUE } from "@/lib/pipeline/graph";
import { jobIdOf } from "@/lib/pipeline/enqueue";
import { enqueue, jobStatus, namedQueue } from "@/lib/queue";
import { getVideo } from "@/lib/videos/service";
import { makeHighlights, makeUser, makeVideo, waitFor } from "@/test/fixtures";
import { privateRedis, type PrivateRedis } from "@/test/private-redis";
import { job } from "@/worker/jobs/types";
import { startRuntime, type Runtime } from "@/worker/runtime";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { clipLifecycle } from "@/lib/clips/lifecycle";

const AHEAD = 3;

let redis: PrivateRedis;
let runtime: Runtime | undefined;
let release: () => void = () => undefined;

beforeAll(async () => {
  redis = await privateRedis();
  // Read once by lib/platform/env.ts on first use, which is after this point.
  process.env.REDIS_URL = redis.url;
  process.env.QUEUE_PREFIX = `matchcut-position-${process.pid}`;
});
afterAll(async () => {
  redis?.thaw();
  release();
  await runtime?.close();
  await redis?.dispose();
  await disconnectDb();
});

/** A video being analysed in 3 chunks, with one highlight whose trim queued a cut. */
async function videoWithTrimmedHighlight() {
  const owner = await makeUser();
  const v = await makeVideo(owner.id, new Uint8Array([0]), "Derby.mp4");
  await db().video.update({
    where: { id: v.id },
    data: {
      ...videoLifecycle.seed("processing"),
      stage: "analyzing",
      fps: 25,
      durationS: 60,
      width: 160,
      height: 90,
    },
  });
  // The editor reviews the current analysis while a re-analysis runs in 3 chunks.
  const current = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "m",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const analysis = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "m",
      modelVersion: "1",
      ...analysisLifecycle.seed("running"),
      params: { chunks: 3 },
    },
  });
  const [h] = await makeHighlights(v.id, current.id, [["penalty", 10, 20, "accepted"]]);
  await db().highlight.update({
    where: { id: h!.id },
    data: { ...clipLifecycle.seed("cutting"), revision: 2 },
  });
  return { videoId: v.id, analysisId: analysis.id, highlightId: h!.id };
}

const clipJobOf = async (videoId: string) => (await listHighlights(videoId)).highlights[0]!.clipJob;

describe("queue positions", () => {
  it("a clip cut behind N jobs of the editors' lane reports N ahead, then fewer as they are taken", async () => {
    const { videoId, analysisId, highlightId } = await videoWithTrimmedHighlight();
    // The CPU queue's work is not ahead of a cut: it has a lane of its own (issue #25).
    await enqueue("proxy", { videoId }, { jobId: jobIdOf("proxy", { videoId }) });
    for (let index = 0; index < 3; index++)
      await enqueue(
        "analyze-chunk",
        { analysisId, index },
        { jobId: jobIdOf("analyze-chunk", { analysisId, index }) },
      );
    // Other editors' reels (priority 1) go before this analysis's own cut (5); a re-score (10) after it.
    const reels: string[] = [];
    for (let i = 0; i < AHEAD; i++) {
      const reel = { videoId: randomUUID() };
      reels.push(jobIdOf("build-reel", reel, "n"));
      await enqueue("build-reel", reel, { jobId: reels.at(-1)! });
    }
    await enqueue(
      "cut-clip",
      { highlightId, revision: 2 },
      { jobId: jobIdOf("cut-clip", { highlightId, revision: 2 }) },
    );
    await enqueue("rescore", { videoId, versionId: null }, { jobId: "rescore-after" });

    expect(await clipJobOf(videoId)).toEqual({ state: "waiting", ahead: AHEAD, paused: false });
    // The video's first chunk is next in line in the CPU queue: nothing of better priority is queued.
    expect((await getVideo(videoId)).job).toEqual({ state: "waiting", ahead: 0, paused: false });
    expect((await getVideo(videoId)).stage).toBe("analyzing");

    // A job on the plain wait list (no priority: as BullMQ re-queues a stalled job) goes before all.
    const lane = namedQueue(INTERACTIVE_QUEUE);
    const stray = await lane.add("build-reel", { videoId: randomUUID() }, { jobId: "stray" });
    expect(await clipJobOf(videoId)).toEqual({ state: "waiting", ahead: AHEAD + 1, paused: false });
    await stray.remove();

    // An operator's pause is said, the place is kept.
    await lane.pause();
    expect(await clipJobOf(videoId)).toEqual({ state: "waiting", ahead: AHEAD, paused: true });
    await lane.resume();

    // One slot each, and handlers that report half their work and then hold the slot.
    let started = 0;
    const held = new Promise<void>((r) => (release = r));
    const holding = (name: "analyze-chunk" | "build-reel") =>
      job(name, {
        options: { concurrency: 1, timeoutMs: 60_000 },
        async handle(_data, ctx) {
          started++;
          await ctx.reportProgress(name === "build-reel" ? "building" : "analysing", 0.5);
          await held;
        },
      });
    runtime = startRuntime([holding("analyze-chunk"), holding("build-reel")], {
      cpuSlots: 1,
      interactiveSlots: 1,
    });
    await waitFor(async () => started === 2);
    expect(await clipJobOf(videoId)).toEqual({ state: "waiting", ahead: AHEAD - 1, paused: false });

    const running = await waitFor(async () => {
      const r = await jobStatus("build-reel", reels[0]!);
      return r?.state === "running" && r.fraction === 0.5 ? r : null;
    });
    expect(running).toMatchObject({ stage: "building", stalledForS: null });
    // The video's own row has no chunk progress in this test; it shows running, not waiting.
    expect((await getVideo(videoId)).job).toMatchObject({ state: "running", stage: "analyzing" });
  });

  it("a frozen Redis costs the status poll under 2 s and shows waiting without a place", async () => {
    const { videoId, highlightId } = await videoWithTrimmedHighlight();
    await enqueue(
      "cut-clip",
      { highlightId, revision: 2 },
      { jobId: jobIdOf("cut-clip", { highlightId, revision: 2 }) },
    );
    redis.freeze();
    try {
      const t0 = Date.now();
      const list = await listHighlights(videoId);
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(list.highlights[0]!.clipJob).toEqual({ state: "waiting", ahead: null, paused: false });
    } finally {
      redis.thaw();
    }
  });
});
