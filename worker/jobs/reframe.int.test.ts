import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patchHighlight } from "@/lib/clips/service";
import { db, disconnectDb } from "@/lib/platform/db";
import { startJob } from "@/lib/pipeline/enqueue";
import { cropLefts } from "@/lib/reframe/path";
import { patchCrop, requestAspect } from "@/lib/reframe/service";
import { cropOf } from "@/lib/reframe/stored";
import { getObjectBytes } from "@/lib/platform/storage";
import { ffmpegMake, makeHighlights, makeUser, makeVideo, readFixture, waitFor } from "@/test/fixtures";
import { ffprobeJson } from "@/test/media";
import { startRuntime, type Runtime } from "../runtime";
import { cutClipJob } from "./cut-clip";
import { reframeClipJob } from "./reframe-clip";
import type { JobDefinition } from "./types";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

const run = promisify(execFile);
let runtime: Runtime;
let tmp: string;

beforeAll(async () => {
  runtime = startRuntime([cutClipJob, reframeClipJob] as JobDefinition[]);
  tmp = await mkdtemp(path.join(tmpdir(), "reframe-test-"));
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

/**
 * 320×180 at 25 fps: the top half's luma rises with x (0.75 per pixel), so a cropped frame's left
 * column says where the crop was; the bottom half says the frame's index (n mod 16, ⌊n/16⌋).
 */
async function source(): Promise<string> {
  const file = path.join(tmp, "source.mp4");
  const lum = "if(lt(Y,90),X*0.75,if(lt(Y,135),mod(N,16)*16+8,floor(N/16)*16+8))";
  await ffmpegMake([
    ...["-f", "lavfi", "-i", `color=c=black:s=320x180:r=25:d=6,geq=lum='${lum}':cb=128:cr=128`],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=6"],
    ...[
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-g",
      "50",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
      file,
    ],
  ]);
  return file;
}

/** Per frame of a cropped clip: its source index and the left edge of the crop in source pixels. */
async function readCrop(file: string, w: number): Promise<{ index: number; left: number }[]> {
  const { stdout } = await run(
    "ffmpeg",
    ["-v", "error", "-i", file, "-vf", "extractplanes=y", "-f", "rawvideo", "-"],
    {
      encoding: "buffer",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const size = w * 180;
  const out: { index: number; left: number }[] = [];
  for (let off = 0; off + size <= stdout.length; off += size) {
    const px = (x: number, y: number) => stdout[off + y * w + x]!;
    const block = (y0: number) => {
      let s = 0;
      for (let y = y0; y < y0 + 20; y++) for (let x = 20; x < 80; x++) s += px(x, y);
      return s / 1200;
    };
    let sum = 0;
    for (let y = 20; y < 70; y++) sum += px(4, y);
    out.push({
      index: Math.floor(block(102) / 16) + 16 * Math.floor(block(148) / 16),
      left: sum / 50 / 0.75 - 4,
    });
  }
  return out;
}

async function seed() {
  const user = await makeUser();
  const v = await makeVideo(user.id, await readFixture(await source()), "Shoot-out.mp4");
  const video = await db().video.update({
    where: { id: v.id },
    data: {
      ...videoLifecycle.seed("ready"),
      fps: 25,
      durationS: 6,
      width: 320,
      height: 180,
      hasAudio: true,
      rotation: 0,
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
  const [h] = await makeHighlights(video.id, analysis.id, [["penalty", 1, 3, "accepted"]]);
  return h!;
}

const cut = (highlightId: string, revision: number) =>
  waitFor(async () => {
    const h = await db().highlight.findUnique({ where: { id: highlightId } });
    if (h?.clipStatus === "failed") throw new Error(`cut failed: ${h.clipError}`);
    return h?.clipStatus === "ready" && h.clipRevision === revision ? h : null;
  });

const aspect = (highlightId: string, cropRevision: number) =>
  waitFor(async () => {
    const a = await db().aspectClip.findUnique({
      where: { highlightId_aspect: { highlightId, aspect: "9:16" } },
    });
    if (a?.status === "failed") throw new Error(`reframe failed: ${a.error}`);
    return a?.status === "ready" && a.cropRevision === cropRevision ? a : null;
  });

async function download(key: string, name: string) {
  const p = path.join(tmp, name);
  await writeFile(p, await getObjectBytes(key));
  return p;
}

describe("reframe-clip (real S3, Redis, Postgres, ffmpeg)", () => {
  it("crops the 16:9 clip frame by frame along the path, same frames, and follows an editor's keyframe", async () => {
    const h = await seed();
    await startJob(db(), "highlights edited", "cut-clip", { highlightId: h.id, revision: 0 });
    const done = await cut(h.id, 0);
    const auto = cropOf(done).auto!;
    expect(auto.startFrame).toBe(25);
    expect(auto.x).toHaveLength(50);

    // locked keyframes: from the left edge at 1 s to the right at 3 s
    await patchCrop(h.id, {
      keys: [
        { t: 1, x: 0.2 },
        { t: 3, x: 0.8 },
      ],
      locked: true,
    });
    await expect(requestAspect(h.id, "9:16")).resolves.toMatchObject({ queued: true });
    const first = await aspect(h.id, 1);
    const clip16 = await ffprobeJson(await download(done.clipKey!, "clip.mp4"), true);
    const file = await download(first.key!, "clip-9x16.mp4");
    const probed = await ffprobeJson(file, true);
    const v = probed.streams.find((s) => s.codec_type === "video")!;
    expect([v.width, v.height]).toEqual([100, 180]);
    expect(probed.frames.length).toBe(clip16.frames.length);
    expect(probed.frames.length).toBe(50);
    const got = await readCrop(file, 100);
    const row = await db().highlight.findUniqueOrThrow({ where: { id: h.id } });
    const want = cropLefts(cropOf(row), 25, 25, 50, 100 / 320).map((l) => 2 * Math.round((l * 320) / 2));
    expect(got.map((g) => g.index)).toEqual(Array.from({ length: 50 }, (_, i) => 25 + i));
    for (const [i, g] of got.entries()) expect(Math.abs(g.left - want[i]!)).toBeLessThanOrEqual(4);
    expect(want[0]).toBe(14);
    expect(want[49]).toBeGreaterThan(200);

    // the editor drags the crop at 2 s (unlocked): the asked-for 9:16 is rendered again and passes there
    await patchCrop(h.id, { keys: [{ t: 2, x: 0.25 }], locked: false, cropRevision: 1 });
    const second = await aspect(h.id, 2);
    const moved = await readCrop(await download(second.key!, "clip-9x16-b.mp4"), 100);
    expect(moved).toHaveLength(50);
    expect(Math.abs(moved[25]!.left - (0.25 * 320 - 50))).toBeLessThanOrEqual(4);
  });

  it("a trim keeps the crop path of the frames it keeps", async () => {
    const h = await seed();
    await startJob(db(), "highlights edited", "cut-clip", { highlightId: h.id, revision: 0 });
    const before = cropOf(await cut(h.id, 0)).auto!;
    await patchHighlight(h.id, { startS: 1.4, endS: 3.6 });
    const after = cropOf(await cut(h.id, 1)).auto!;
    expect(after.startFrame).toBe(35);
    expect(after.x).toHaveLength(55);
    expect(after.x.slice(0, 40)).toEqual(before.x.slice(10));
  });
});
