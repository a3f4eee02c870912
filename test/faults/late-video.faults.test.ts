// Issue #23: an MP4 whose camera starts 7.84 s after its sound (a real broadcast clip, one of 6 such in
// ../shared/data) went through a real worker process: it failed at probe with "the video track (h264)
// has no frames", and once probed its frozen first picture scored "penalty" over the seconds of sound.
process.env.QUEUE_PREFIX = `matchcut-faults-late-${process.pid}`;

import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverageFrom } from "@/lib/analysis/coverage";
import { db, disconnectDb } from "@/lib/platform/db";
import { startJob } from "@/lib/pipeline/enqueue";
import { closeQueues } from "@/lib/queue";
import { presignGet } from "@/lib/platform/storage";
import { makeUser, makeVideo, readFixture, sharedClip, waitFor } from "@/test/fixtures";
import { ffprobeJson } from "@/test/media";

const FILE = sharedClip("clips/penalty/wc2022-arg-fra/tiago_arg-fra-wc2022-3.mp4");
// ffprobe: video start_time 7.84 (153 frames at 25 fps), audio and the container from 0, 13.98 s.
const VIDEO_START_S = 7.84;

let worker: ChildProcess;
let workerExit: string | null = null;

beforeAll(() => {
  worker = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: process.env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  worker.once("exit", (code, signal) => (workerExit = `exit ${code ?? signal}`));
});
afterAll(async () => {
  if (worker.exitCode === null) worker.kill("SIGTERM");
  await closeQueues();
  await disconnectDb();
});

describe("a video that starts after its audio (real worker, ffmpeg, ONNX, S3)", () => {
  it("analyses the pictures it has and cuts the kick's clip with video", async () => {
    const owner = await makeUser();
    const video = await makeVideo(owner.id, await readFixture(FILE), "late-video.mp4");
    await startJob(db(), "upload complete", "probe", { videoId: video.id });

    const done = await waitFor(async () => {
      const v = await db().video.findUnique({ where: { id: video.id } });
      return v && (v.status === "ready" || v.status === "failed") ? v : null;
    }, 300_000);
    expect({ status: done.status, error: done.error, warning: done.warning }).toEqual({
      status: "ready",
      error: null,
      warning: null,
    });
    expect(done.durationS).toBeCloseTo(13.98, 1);
    expect([done.width, done.height]).toEqual([1920, 1080]);

    // Every 4-fps slot of the 14 s was sampled; the 31 before the first picture hold a copy of it.
    const analysis = await db().analysis.findFirstOrThrow({ where: { videoId: video.id, current: true } });
    const coverage = coverageFrom(analysis.coverage)!;
    expect(coverage.gaps).toEqual([]);
    expect(coverage.analysedFrames).toBeGreaterThanOrEqual(55);
    expect(coverage.leadFrames).toBe(31);

    // The kick is found where the pictures are, not over the sound before them.
    const highlights = await db().highlight.findMany({ where: { videoId: video.id } });
    expect(highlights.length).toBeGreaterThan(0);
    for (const h of highlights) {
      expect(h.startS).toBeGreaterThanOrEqual(VIDEO_START_S);
      expect(h.endS).toBeLessThanOrEqual(done.durationS! + 0.01);
    }

    // Its clip is cut from the right seconds: pictures from its first frame, as long as the highlight.
    const h = highlights[0]!;
    const cut = await waitFor(async () => {
      const x = await db().highlight.findUnique({ where: { id: h.id } });
      if (x?.clipStatus === "failed") throw new Error(`cut failed: ${x.clipError}`);
      return x?.clipStatus === "ready" ? x : null;
    }, 180_000);
    const probed = await ffprobeJson(await presignGet(cut.clipKey!, { internal: true }), true);
    const v = probed.streams.find((s) => s.codec_type === "video")!;
    expect(v).toBeDefined();
    const length = h.endS - h.startS;
    expect(Number(probed.format.duration)).toBeCloseTo(length, 0);
    const times = probed.frames.map((f) => Number(f.pts_time ?? f.best_effort_timestamp_time));
    expect(times.length).toBeGreaterThanOrEqual(Math.floor(length * 25) - 2);
    expect(Math.min(...times)).toBeLessThan(0.1);
    expect(workerExit).toBeNull();
  });
});
