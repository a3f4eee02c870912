import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJob } from "@/lib/pipeline/enqueue";
import { db, disconnectDb } from "@/lib/platform/db";
import { getObjectBytes, headObject } from "@/lib/platform/storage";
import { makeHighlights, makeUser, makeVideo, readFixture, waitFor } from "@/test/fixtures";
import { ffprobeJson, frameIndices, makeIndexedVideo, mp4Boxes } from "@/test/media";
import { startRuntime, type Runtime } from "../runtime";
import { buildReelJob } from "./build-reel";
import { cutClipJob } from "./cut-clip";
import type { JobDefinition } from "./types";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { reelLifecycle } from "@/lib/clips/lifecycle";

let runtime: Runtime;
let ownerId: string;
let tmp: string;

beforeAll(async () => {
  runtime = startRuntime([cutClipJob, buildReelJob] as JobDefinition[]);
  ownerId = (await makeUser()).id;
  tmp = await mkdtemp(path.join(tmpdir(), "clips-test-"));
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

/** A generated source in S3 with the Video row probe would have written, an analysis and highlights. */
async function seed(
  o: { rate: string; fps: number; rotate?: number },
  spans: [number, number, "accepted" | "suggested" | "rejected"][],
) {
  const file = path.join(tmp, `src-${o.rate.replace("/", "_")}-${o.rotate ?? 0}.mp4`);
  await makeIndexedVideo(file, { seconds: 8, rate: o.rate, rotate: o.rotate });
  const v = await makeVideo(ownerId, await readFixture(file), "Cup Final.mp4");
  const video = await db().video.update({
    where: { id: v.id },
    data: {
      ...videoLifecycle.seed("ready"),
      fps: o.fps,
      durationS: 8,
      width: 160,
      height: 90,
      hasAudio: true,
      rotation: o.rotate ?? 0,
    },
  });
  const analysis = await db().analysis.create({
    data: {
      videoId: video.id,
      modelId: "test",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
      progress: 1,
    },
  });
  const highlights = await makeHighlights(
    video.id,
    analysis.id,
    spans.map(([startS, endS, status]) => ["penalty", startS, endS, status] as const),
  );
  return { video, highlights };
}

async function cutAndWait(highlightId: string, revision: number) {
  await startJob(db(), "highlights edited", "cut-clip", { highlightId, revision });
  return waitFor(async () => {
    const h = await db().highlight.findUnique({ where: { id: highlightId } });
    if (h?.clipStatus === "failed") throw new Error(`cut failed: ${h.clipError}`);
    return h?.clipStatus === "ready" && h.clipRevision === revision ? h : null;
  });
}

async function download(key: string, name: string): Promise<string> {
  const p = path.join(tmp, name);
  await writeFile(p, await getObjectBytes(key));
  return p;
}

/** Frame-accuracy figures for one clip: what the report quotes. */
async function measure(file: string, fps: number, undo = "") {
  const info = await ffprobeJson(file);
  const frames = (await ffprobeJson(file, true)).frames.map((f) =>
    Number(f.pts_time ?? f.best_effort_timestamp_time),
  );
  const v = info.streams.find((s) => s.codec_type === "video")!;
  const a = info.streams.find((s) => s.codec_type === "audio")!;
  return {
    duration: Number(info.format.duration),
    videoDuration: Number(v.duration),
    audioDuration: Number(a.duration),
    firstPts: frames[0]!,
    lastPts: frames[frames.length - 1]!,
    frameCount: frames.length,
    indices: await frameIndices(file, undo),
    frameS: 1 / fps,
  };
}

describe("cut-clip and build-reel (real S3, Redis, Postgres, ffmpeg)", () => {
  it("cuts frame-exact MP4s with audio in sync at 25 fps, and a reel of the accepted ones", async () => {
    const { video, highlights } = await seed({ rate: "25", fps: 25 }, [
      [1.13, 2.47, "accepted"], // frames 28..61 (34 frames), seek lands mid-GOP
      [3.3, 5.0, "suggested"],
      [5.52, 7.0, "accepted"], // frames 138..174 (37 frames)
    ]);
    const expected = [
      { first: 28, frames: 34 },
      { first: 83, frames: 42 }, // 3.3 s × 25 = 82.5 → 83
      { first: 138, frames: 37 },
    ];
    for (const [i, h] of highlights.entries()) {
      const done = await cutAndWait(h.id, 0);
      const file = await download(done.clipKey!, `clip25-${i}.mp4`);
      const m = await measure(file, 25);
      const want = expected[i]!;
      // Exact frames: the first and last decoded frames are the source frames the highlight names.
      expect(m.indices).toEqual(Array.from({ length: want.frames }, (_, k) => want.first + k));
      expect(m.frameCount).toBe(want.frames);
      expect(m.firstPts).toBeCloseTo(0, 6);
      expect(Math.abs(m.lastPts - (want.frames - 1) / 25)).toBeLessThan(m.frameS / 2);
      expect(Math.abs(m.videoDuration - want.frames / 25)).toBeLessThan(m.frameS);
      // Audio covers exactly the same span (AAC frames are 21 ms, so allow one video frame).
      expect(Math.abs(m.audioDuration - m.videoDuration)).toBeLessThan(m.frameS);
      expect(mp4Boxes(new Uint8Array(await readFile(file))).indexOf("moov")).toBeLessThan(
        mp4Boxes(new Uint8Array(await readFile(file))).indexOf("mdat"),
      );
      expect((await headObject(done.posterKey!))?.size).toBeGreaterThan(500);
      console.log(
        `clip ${i}: frames ${m.indices[0]}..${m.indices.at(-1)} (${m.frameCount}), duration ${m.videoDuration}s video / ${m.audioDuration}s audio, last pts ${m.lastPts}`,
      );
    }

    // Reel: only the accepted ones (1st and 3rd), in time order, joined end to end.
    await db().video.update({ where: { id: video.id }, data: { ...reelLifecycle.seed("cutting") } });
    await startJob(db(), "reel asked for", "build-reel", { videoId: video.id }, { nonce: "t1" });
    const v = await waitFor(async () => {
      const row = await db().video.findUnique({ where: { id: video.id } });
      if (row?.reelStatus === "failed") throw new Error(`reel failed: ${row.reelError}`);
      return row?.reelStatus === "ready" ? row : null;
    });
    const reel = await measure(await download(v.reelKey!, "reel25.mp4"), 25);
    const sum = (34 + 37) / 25;
    expect(Math.abs(reel.duration - sum)).toBeLessThanOrEqual(2 / 25); // ± one frame per clip
    expect(reel.indices).toEqual([
      ...Array.from({ length: 34 }, (_, k) => 28 + k),
      ...Array.from({ length: 37 }, (_, k) => 138 + k),
    ]);
    expect(Math.abs(reel.audioDuration - reel.videoDuration)).toBeLessThan(2 / 25);
    expect(v.reelProgress).toBe(1);
    console.log(`reel: ${reel.frameCount} frames, ${reel.duration}s (sum of clips ${sum}s)`);
  });

  it("is exact at 29.97 fps, honours rotation, and a re-cut replaces the file only for the latest boundaries", async () => {
    const fps = 30000 / 1001;
    const { highlights } = await seed({ rate: "30000/1001", fps, rotate: 90 }, [[3.3, 6.1, "suggested"]]);
    const h = highlights[0]!;
    const first = await cutAndWait(h.id, 0);
    const file = await download(first.clipKey!, "clip2997.mp4");
    const m = await measure(file, fps, "transpose=clock,");
    expect(m.indices[0]).toBe(99);
    expect(m.indices.at(-1)).toBe(182);
    expect(Math.abs(m.videoDuration - 84 / fps)).toBeLessThan(1 / fps);
    const vs = (await ffprobeJson(file)).streams.find((s) => s.codec_type === "video")!;
    // Upright pixels, no rotation flag left for players to apply twice.
    expect([vs.width, vs.height]).toEqual([90, 160]);
    expect(vs.side_data_list?.some((d) => d.rotation)).toBeFalsy();
    console.log(
      `29.97 clip: frames ${m.indices[0]}..${m.indices.at(-1)}, duration ${m.videoDuration}s (exact ${84 / fps}s)`,
    );

    // Boundaries change twice; the cut for revision 1 is dropped because revision 2 arrived first.
    await db().highlight.update({ where: { id: h.id }, data: { startS: 1, endS: 2, revision: 1 } });
    await db().highlight.update({ where: { id: h.id }, data: { startS: 2, endS: 3, revision: 2 } });
    await startJob(db(), "highlights edited", "cut-clip", { highlightId: h.id, revision: 1 });
    const latest = await cutAndWait(h.id, 2);
    expect(latest.clipKey).not.toBe(first.clipKey);
    // The old files are deleted right after the swap (never before it): wait for that, then check.
    const gone = async (key: string) => (await headObject(key)) === null;
    await waitFor(async () => (await gone(first.clipKey!)) && (await gone(first.posterKey!)), 15_000);
    expect(await headObject(first.clipKey!)).toBeNull();
    expect(await headObject(first.posterKey!)).toBeNull();
    const idx = await frameIndices(await download(latest.clipKey!, "recut.mp4"), "transpose=clock,");
    expect([idx[0], idx.at(-1), idx.length]).toEqual([60, 89, 30]);
    // The stale revision-1 job never took over (only revision 2's files remain under clips/).
    expect((await db().highlight.findUniqueOrThrow({ where: { id: h.id } })).clipRevision).toBe(2);
  });
});
