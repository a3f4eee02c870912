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
import type { TVariant } from "@/lib/reframe/variant";
import { NO_CLIP_BRAND, patchBrand, putLogo } from "@/lib/brand/service";
import { frameCount, makeLogo, rawFrame, regionDiff, sameRegionDiff } from "@/test/brand";
import { logoGeometry, logoPosition } from "../ffmpeg/brand-commands";
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

const aspect = (
  highlightId: string,
  cropRevision: number,
  v: TVariant = { aspect: "9:16", branded: false },
) =>
  waitFor(async () => {
    const a = await db().aspectClip.findUnique({
      where: { highlightId_aspect_branded: { highlightId, aspect: v.aspect, branded: v.branded } },
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
    await expect(requestAspect(h.id, { aspect: "9:16", branded: false })).resolves.toMatchObject({
      queued: true,
    });
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

  it("a branded single clip: the logo in its corner and the lower-third, the 16:9 clip's frames, in 9:16 and 16:9", async () => {
    const h = await seed();
    await startJob(db(), "highlights edited", "cut-clip", { highlightId: h.id, revision: 0 });
    const done = await cut(h.id, 0);
    await patchHighlight(h.id, { name: "Kane sends the keeper the wrong way" });
    const brand916 = { aspect: "9:16", branded: true } as const;
    // no brand set up: said so, nothing queued
    await db().brand.deleteMany();
    await expect(requestAspect(h.id, brand916)).rejects.toMatchObject({
      status: 409,
      message: NO_CLIP_BRAND,
    });
    expect(await db().aspectClip.count({ where: { highlightId: h.id } })).toBe(0);

    const admin = await makeUser("admin");
    const png = path.join(tmp, "logo.png");
    await makeLogo(png);
    await putLogo(await readFixture(png), admin.id);
    await patchBrand({ corner: "top_left", lowerThird: true }, admin.id);
    await requestAspect(h.id, { aspect: "9:16", branded: false });
    await requestAspect(h.id, brand916);
    await requestAspect(h.id, { aspect: "16:9", branded: true });
    const plain = await download((await aspect(h.id, 0)).key!, "plain-9x16.mp4");
    const branded = await download((await aspect(h.id, 0, brand916)).key!, "brand-9x16.mp4");
    const wide = await download(
      (await aspect(h.id, 0, { aspect: "16:9", branded: true })).key!,
      "brand-16x9.mp4",
    );
    const clip16 = await frameCount(await download(done.clipKey!, "clip-16x9.mp4"));
    expect(clip16).toBe(50);
    expect(await frameCount(branded)).toBe(clip16);
    expect(await frameCount(wide)).toBe(clip16);

    // Frame 10 of each branded variant against the same frame without the brand: the logo where the
    // brand puts it (closer to the uploaded logo there than in the opposite corner), the lower-third
    // bottom-left, and the picture elsewhere unchanged.
    const clipFile = path.join(tmp, "clip-16x9.mp4");
    for (const [file, bare, size] of [
      [branded, plain, { w: 100, h: 180 }],
      [wide, clipFile, { w: 320, h: 180 }],
    ] as const) {
      const { logoH } = logoGeometry(size);
      const logo = await rawFrame(png, 0, `scale=-2:${logoH}`);
      const logoW = logo.length / 3 / logoH;
      const [a, b] = [await rawFrame(bare, 10), await rawFrame(file, 10)];
      expect(b.length).toBe(size.w * size.h * 3);
      const there = { ...logoPosition("top_left", size, logoW), w: logoW, h: logoH };
      const opposite = { ...logoPosition("top_right", size, logoW), w: logoW, h: logoH };
      expect(regionDiff(b, size.w, logo, there)).toBeLessThan(regionDiff(b, size.w, logo, opposite) / 2);
      expect(sameRegionDiff(a, b, size.w, there)).toBeGreaterThan(30);
      expect(sameRegionDiff(a, b, size.w, opposite)).toBeLessThan(4);
      expect(sameRegionDiff(a, b, size.w, { x: 12, y: 163, w: 30, h: 5 })).toBeGreaterThan(10);
      expect(sameRegionDiff(a, b, size.w, { x: size.w / 2 - 20, y: 50, w: 40, h: 60 })).toBeLessThan(4);
    }

    // A brand change makes the branded clip stale (asked again, it renders anew); the plain one is not.
    await patchBrand({ corner: "top_right" }, admin.id);
    await expect(requestAspect(h.id, brand916)).resolves.toMatchObject({ queued: true });
    await expect(requestAspect(h.id, { aspect: "9:16", branded: false })).resolves.toMatchObject({
      queued: false,
    });
  });
});
