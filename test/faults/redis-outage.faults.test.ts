// Redis stopped while an upload completes, a reel is asked for and a highlight is trimmed: each call
// answers as usual (its state change is committed with its job in the outbox), and once Redis is back
// everything completes with no row left in a state that no job will move on (issue #16).
import { Readable } from "node:stream";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { requestReel } from "@/lib/clips/reel";
import { patchHighlight } from "@/lib/clips/service";
import { db, disconnectDb } from "@/lib/platform/db";
import { completeUpload, recordParts, startUpload, storePart } from "@/lib/uploads/service";
import { makeIndexedVideo } from "@/test/media";
import { makeUser, makeVideo, readFixture, waitFor } from "@/test/fixtures";
import { privateRedis, type PrivateRedis } from "@/test/private-redis";
import { jobs } from "@/worker/jobs/registry";
import { startRuntime, type Runtime } from "@/worker/runtime";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let redis: PrivateRedis;
let runtime: Runtime;
let user: SessionUser;
let file: string;

beforeAll(async () => {
  redis = await privateRedis();
  // Read once by lib/platform/env.ts on first use, which is after this point.
  process.env.REDIS_URL = redis.url;
  process.env.QUEUE_PREFIX = "matchcut-faults-redis";
  runtime = startRuntime(jobs);
  const u = await makeUser("editor");
  user = { id: u.id, email: u.email, name: u.name, role: u.role };
  file = path.join(await mkdtemp(path.join(tmpdir(), "faults-redis-")), "match.mp4");
  await makeIndexedVideo(file, { seconds: 6, rate: "25" });
});
afterAll(async () => {
  // Closing the workers needs Redis: start it again if an assertion failed while it was stopped.
  await redis?.start();
  await runtime?.close();
  await redis?.dispose();
  await disconnectDb();
});

/** A probed, analysed video with two highlights, as the reel and the trim need. */
async function analysedVideo() {
  const v = await makeVideo(user.id, await readFixture(file), "Cup Final.mp4");
  await db().video.update({
    where: { id: v.id },
    data: {
      ...videoLifecycle.seed("ready"),
      fps: 25,
      durationS: 6,
      width: 160,
      height: 90,
      hasAudio: true,
      rotation: 0,
    },
  });
  const analysis = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "test",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
      progress: 1,
    },
  });
  const spans: [number, number][] = [
    [0.5, 1.5],
    [3, 4],
  ];
  const highlights = await Promise.all(
    spans.map(([startS, endS]) =>
      db().highlight.create({
        data: {
          videoId: v.id,
          analysisId: analysis.id,
          label: "penalty",
          startS,
          endS,
          peak: 0.9,
          mean: 0.8,
        },
      }),
    ),
  );
  return { video: v, highlights };
}

/** Everything but the last call of an upload: parts stored and recorded. */
async function uploadedParts() {
  const bytes = await readFile(file);
  const session = await startUpload(user, {
    fileName: "outage.mp4",
    size: bytes.byteLength,
    lastModified: Date.now(),
    contentType: "video/mp4",
  });
  const { etag } = await storePart(user, session.id, 1, Readable.from([bytes]), bytes.byteLength);
  await recordParts(user, session.id, { parts: [{ partNumber: 1, etag, size: bytes.byteLength }] });
  return { uploadId: session.id, parts: [{ partNumber: 1, etag }] };
}

const timed = async <T>(fn: () => Promise<T>) => {
  const t0 = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - t0 };
};

describe("Redis outage (private redis-server, stopped and started again)", () => {
  it("loses no work and leaves no stuck row", { timeout: 400_000 }, async () => {
    const { video, highlights } = await analysedVideo();
    const upload = await uploadedParts();

    await redis.stop();
    const completed = await timed(() => completeUpload(user, upload.uploadId, { parts: upload.parts }));
    const reel = await timed(() => requestReel(video.id));
    const trimmed = await timed(() => patchHighlight(highlights[0]!.id, { startS: 0.8, endS: 1.6 }));
    console.log(
      `with Redis down: upload complete ${completed.ms} ms, reel ${reel.ms} ms, trim ${trimmed.ms} ms`,
    );

    // Answered as usual, state committed, and the jobs wait in the outbox.
    const newId = completed.value.videoId;
    expect((await db().video.findUniqueOrThrow({ where: { id: newId } })).status).toBe("queued");
    expect(reel.value.status).toBe("cutting");
    expect(trimmed.value.clipStatus).toBe("cutting");
    // Only this test's rows: the outbox table is shared with whatever else ran on this database.
    const ours = {
      OR: [newId, video.id, highlights[0]!.id].map((id) => ({ jobId: { startsWith: id } })),
    };
    const waiting = await db().outboxJob.findMany({ where: ours });
    expect(waiting.map((r) => r.name).sort()).toEqual(["build-reel", "cut-clip", "probe"]);

    // A few dispatcher rounds fail against the stopped server; nothing is dropped meanwhile.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await db().outboxJob.count({ where: ours })).toBe(3);
    expect((await db().outboxJob.findMany({ where: ours })).some((r) => r.tries > 0)).toBe(true);

    await redis.start();
    const uploaded = await waitFor(async () => {
      const v = await db().video.findUnique({ where: { id: newId } });
      return v && (v.status === "ready" || v.status === "failed") ? v : null;
    }, 360_000);
    expect(uploaded.error).toBeNull();
    expect(uploaded.status).toBe("ready");
    const reelDone = await waitFor(async () => {
      const v = await db().video.findUnique({ where: { id: video.id } });
      return v && v.reelStatus !== "cutting" ? v : null;
    }, 120_000);
    expect(reelDone.reelStatus).toBe("ready");
    const clip = await waitFor(async () => {
      const h = await db().highlight.findUnique({ where: { id: highlights[0]!.id } });
      return h && h.clipStatus !== "cutting" ? h : null;
    }, 120_000);
    expect(clip.clipStatus).toBe("ready");
    expect(clip.clipRevision).toBe(1);

    // The new upload's own highlights are cut after its analysis (each cut-clip job marks its highlight
    // "cutting" when it starts): wait until every one of them has its clip.
    await waitFor(async () => {
      const hs = await db().highlight.findMany({ where: { videoId: newId }, select: { clipStatus: true } });
      return hs.every((h) => h.clipStatus === "ready") || null;
    }, 240_000);

    // Nothing stuck: the outbox is empty and no row of these videos waits for a job.
    expect(await db().outboxJob.count({ where: ours })).toBe(0);
    const ids = [newId, video.id];
    expect(
      await db().video.count({ where: { id: { in: ids }, status: { in: ["queued", "processing"] } } }),
    ).toBe(0);
    expect(await db().video.count({ where: { id: { in: ids }, reelStatus: "cutting" } })).toBe(0);
    expect(await db().highlight.count({ where: { videoId: { in: ids }, clipStatus: "cutting" } })).toBe(0);
    expect(
      await db().analysis.count({ where: { videoId: { in: ids }, status: { in: ["queued", "running"] } } }),
    ).toBe(0);
  });
});
