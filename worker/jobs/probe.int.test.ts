import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { enqueue } from "@/lib/queue";
import { headObject } from "@/lib/platform/storage";
import { ffmpegMake, makeUser, makeVideo, readFixture, sharedClip, waitFor } from "@/test/fixtures";
import { corpus } from "@/test/bad-inputs/corpus";
import { startRuntime, type Runtime } from "../runtime";
import { probeJob } from "./probe";
import type { JobDefinition } from "./types";

let runtime: Runtime;
let ownerId: string;
let tmp: string;

beforeAll(async () => {
  runtime = startRuntime([probeJob as JobDefinition]);
  ownerId = (await makeUser()).id;
  tmp = await mkdtemp(path.join(tmpdir(), "probe-test-"));
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

async function probeBytes(bytes: Uint8Array, name: string) {
  const video = await makeVideo(ownerId, bytes, name);
  await enqueue("probe", { videoId: video.id }, { jobId: `${video.id}:probe` });
  return waitFor(async () => {
    const v = await db().video.findUnique({ where: { id: video.id } });
    // Success hands the video on to analysis (not running in this test); failure is final.
    return v && (v.status === "failed" || v.stage === "queued for analysis") ? v : null;
  });
}

describe("probe job (real S3, Redis, Postgres, ffprobe)", () => {
  it("stores duration, size, codecs and a poster for a real broadcast clip", async () => {
    const v = await probeBytes(
      await readFixture(sharedClip("clips/penalty/ucl2012-bay-che/arione_Penalty_Lampard.mp4")),
      "lampard.mp4",
    );
    expect(v.status).toBe("processing");
    expect(v.durationS).toBeCloseTo(3.537, 1);
    expect([v.width, v.height]).toEqual([1280, 720]);
    expect(v.fps).toBeCloseTo(30, 0);
    expect(v.videoCodec).toBe("h264");
    expect(v.posterKey).toBeTruthy();
    expect((await headObject(v.posterKey!))?.size).toBeGreaterThan(1000);
  });

  it("fails a renamed text file with a human reason and keeps going", async () => {
    const v = await probeBytes(new TextEncoder().encode("this is not a video\n".repeat(50)), "match.mp4");
    expect(v.status).toBe("failed");
    expect(v.error).toBe("this is a text file, not a video");
  });

  it("fails a truncated MP4 as truncated", async () => {
    const full = path.join(tmp, "full.mp4");
    await ffmpegMake([
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x240:rate=25",
      "-t",
      "4",
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv420p",
      full,
    ]);
    const bytes = new Uint8Array(await readFile(full));
    // moov is written at the end by default: cutting the tail loses the index.
    const v = await probeBytes(bytes.slice(0, Math.floor(bytes.length * 0.6)), "cut.mp4");
    expect(v.status).toBe("failed");
    expect(v.error).toMatch(/truncated/);
  });

  it.each([
    [
      "one-pixel.mp4",
      "the picture is 1×1 pixels, too small to analyse (the smallest taken is 32×32, MIN_VIDEO_SIDE_PX)",
    ],
    ["no-tracks.mp4", "the MP4 has no tracks: its index (moov box) lists no audio or video"],
    ["corrupt-index.mp4", "the MP4 index (moov box) is damaged: no track can be read from it"],
  ])("fails the corpus's %s with its own reason (issue #23)", async (name, reason) => {
    const file = path.join(tmp, name);
    await corpus.find((c) => c.name === name)!.make(file, tmp);
    const v = await probeBytes(new Uint8Array(await readFile(file)), name);
    expect({ status: v.status, error: v.error }).toEqual({ status: "failed", error: reason });
  });

  it("fails an audio-only file as audio only", async () => {
    const wav = path.join(tmp, "tone.m4a");
    await ffmpegMake(["-f", "lavfi", "-i", "sine=frequency=440", "-t", "2", "-c:a", "aac", wav]);
    const v = await probeBytes(await readFixture(wav), "tone.mp4");
    expect(v.status).toBe("failed");
    expect(v.error).toBe("audio only (aac): the file has no video track");
  });
});
