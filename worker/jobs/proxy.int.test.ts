import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { enqueue } from "@/lib/queue";
import { getObjectBytes } from "@/lib/storage";
import { ffmpegMake, makeUser, makeVideo, readFixture, sharedClip, waitFor } from "@/test/fixtures";
import { ffprobeJson, mp4Boxes } from "@/test/media";
import { startRuntime, type Runtime } from "../runtime";
import { proxyJob } from "./proxy";
import type { JobDefinition } from "./types";

let runtime: Runtime;
let ownerId: string;
let tmp: string;

beforeAll(async () => {
  runtime = startRuntime([proxyJob as JobDefinition]);
  ownerId = (await makeUser()).id;
  tmp = await mkdtemp(path.join(tmpdir(), "proxy-test-"));
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

const CUT_S = 2.6; // 65 frames at 25 fps: not on a keyframe of either encode
const FPS = 25;

/**
 * 1080p25 "match": 2.6 s of basketball then 2.4 s of a penalty (a hard cut at a known frame), with a
 * tone that is silent for the first second so the waveform has a known quiet part.
 */
async function makeCutVideo(file: string): Promise<void> {
  const a = sharedClip("clips/other/basketball_game.mp4");
  const b = sharedClip("clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4");
  const part = (i: number, d: number) =>
    `[${i}:v]trim=0:${d},setpts=PTS-STARTPTS,scale=1920:1080,setsar=1,fps=${FPS},format=yuv420p[v${i}]`;
  await ffmpegMake([
    ...["-i", a, "-i", b, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=5"],
    "-filter_complex",
    `${part(0, CUT_S)};${part(1, 5 - CUT_S)};[v0][v1]concat=n=2:v=1:a=0[v];[2:a]volume='if(lt(t,1),0,1)':eval=frame[a]`,
    ...["-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-g", "250", "-c:a", "aac"],
    file,
  ]);
}

describe("proxy job (real S3, Redis, Postgres, ffmpeg)", () => {
  it("makes a 720p CFR proxy with the source's duration and fps, the hard cut ±1 frame and a waveform", async () => {
    const file = path.join(tmp, "cut.mp4");
    await makeCutVideo(file);
    const v = await makeVideo(ownerId, await readFixture(file), "cut.mp4");
    await db().video.update({
      where: { id: v.id },
      data: {
        status: "processing",
        durationS: 5,
        fps: FPS,
        width: 1920,
        height: 1080,
        hasAudio: true,
        rotation: 0,
      },
    });
    await enqueue("proxy", { videoId: v.id }, { jobId: `${v.id}:proxy` });
    const done = await waitFor(async () => {
      const row = await db().video.findUnique({ where: { id: v.id } });
      return row?.proxyKey || row?.proxyError ? row : null;
    }, 90_000);
    expect(done.proxyError).toBeNull();
    // The proxy never touches the video's own status (that belongs to the analysis).
    expect(done.status).toBe("processing");

    const bytes = await getObjectBytes(done.proxyKey!);
    const proxyFile = path.join(tmp, "proxy.mp4");
    await writeFile(proxyFile, bytes);
    expect(mp4Boxes(bytes).indexOf("moov")).toBeLessThan(mp4Boxes(bytes).indexOf("mdat"));
    const probed = await ffprobeJson(proxyFile, true);
    const video = probed.streams.find((s) => s.codec_type === "video")!;
    expect([video.width, video.height]).toEqual([1280, 720]);
    expect(Number(video.nb_frames)).toBe(5 * FPS);
    expect(Number(probed.format.duration)).toBeCloseTo(5, 1);
    const pts = probed.frames.map((f) => Number(f.pts_time ?? f.best_effort_timestamp_time));
    // constant frame rate: every step is one frame
    for (let i = 1; i < pts.length; i++) expect(pts[i]! - pts[i - 1]!).toBeCloseTo(1 / FPS, 3);
    // (with frames, ffprobeJson selects the video stream only)
    expect((await ffprobeJson(proxyFile)).streams.some((s) => s.codec_type === "audio")).toBe(true);

    const { shots } = JSON.parse(new TextDecoder().decode(await getObjectBytes(done.shotsKey!))) as {
      shots: number[];
    };
    expect(shots.length).toBeGreaterThanOrEqual(1);
    const nearest = shots.reduce((a, b) => (Math.abs(b - CUT_S) < Math.abs(a - CUT_S) ? b : a));
    expect(Math.abs(nearest - CUT_S)).toBeLessThanOrEqual(1 / FPS + 1e-6);

    const wave = JSON.parse(new TextDecoder().decode(await getObjectBytes(done.waveformKey!))) as {
      rate: number;
      peaks: number[];
    };
    expect(wave.rate).toBe(10);
    expect(wave.peaks).toHaveLength(50);
    expect(Math.max(...wave.peaks.slice(0, 9))).toBeLessThan(0.01);
    // lavfi's sine has amplitude 1/8
    for (const p of wave.peaks.slice(12, 48)) expect(p).toBeCloseTo(0.125, 2);
  });

  it("records a broken source on proxyError and leaves the video alone", { timeout: 240_000 }, async () => {
    const v = await makeVideo(ownerId, new TextEncoder().encode("not a video\n".repeat(100)), "bad.mp4");
    await db().video.update({
      where: { id: v.id },
      data: { status: "ready", durationS: 5, fps: 25, width: 320, height: 180, hasAudio: false },
    });
    await enqueue("proxy", { videoId: v.id }, { jobId: `${v.id}:proxy`, attempts: 1 });
    const done = await waitFor(async () => {
      const row = await db().video.findUnique({ where: { id: v.id } });
      return row?.proxyError ? row : null;
      // Behind other files' proxy jobs on a loaded machine the queue can take a while to reach it.
    }, 180_000);
    expect(done.proxyError).toMatch(/not a video file|could not read/);
    expect(done.proxyKey).toBeNull();
    expect(done.status).toBe("ready");
  });
});
