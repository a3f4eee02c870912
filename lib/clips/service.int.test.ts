import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { makeUser, makeVideo, readFixture, waitFor } from "@/test/fixtures";
import { ffprobeJson, makeIndexedVideo } from "@/test/media";
import { startRuntime, type Runtime } from "@/worker/runtime";
import { cutClipJob } from "@/worker/jobs/cut-clip";
import { filmstripJob } from "@/worker/jobs/filmstrip";
import type { JobDefinition } from "@/worker/jobs/types";
import { db, disconnectDb } from "@/lib/platform/db";
import { enqueue } from "../queue";
import { getObjectBytes } from "@/lib/platform/storage";
import { committer } from "@/worker/runtime-next";
import { exportHighlights } from "../exports/service";
import { clipsZip, listHighlights, patchHighlight } from "./service";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let runtime: Runtime;
let tmp: string;

beforeAll(async () => {
  runtime = startRuntime([cutClipJob, filmstripJob] as JobDefinition[]);
  tmp = await mkdtemp(path.join(tmpdir(), "clips-service-"));
});
afterAll(async () => {
  await runtime.close();
  await disconnectDb();
});

/** The shape analyze-finalize leaves behind: probed video, current complete analysis, highlight rows. */
async function analysedVideo() {
  const owner = await makeUser();
  const file = path.join(tmp, "match.mp4");
  await makeIndexedVideo(file, { seconds: 6, rate: "25" });
  const v = await makeVideo(owner.id, await readFixture(file), "x.mp4");
  const video = await db().video.update({
    where: { id: v.id },
    data: {
      title: "Derby: Città vs Königsblau",
      ...videoLifecycle.seed("ready"),
      fps: 25,
      durationS: 6,
      width: 160,
      height: 90,
      hasAudio: true,
    },
  });
  const analysis = await db().analysis.create({
    data: {
      videoId: video.id,
      modelId: "m",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
      completedAt: new Date(),
    },
  });
  await db().highlight.createMany({
    data: [
      {
        videoId: video.id,
        analysisId: analysis.id,
        label: "penalty",
        startS: 0.5,
        endS: 1.5,
        peak: 0.9,
        mean: 0.8,
      },
      {
        videoId: video.id,
        analysisId: analysis.id,
        label: "penalty",
        startS: 3.02,
        endS: 4.1,
        peak: 0.8,
        mean: 0.7,
      },
      {
        videoId: video.id,
        analysisId: analysis.id,
        label: "penalty",
        startS: 5,
        endS: 5.5,
        peak: 0.6,
        mean: 0.5,
        status: "rejected",
      },
    ],
  });
  return { video, analysis };
}

const allReady = (videoId: string) =>
  waitFor(async () => {
    const { highlights } = await listHighlights(videoId);
    if (highlights.some((h) => h.clipStatus === "failed")) throw new Error("a cut failed");
    return highlights.every((h) => h.clipStatus === "ready" && !h.clipStale) ? highlights : null;
  });

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("no zip"));
      const out = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, s) => {
          if (e || !s) return reject(e ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          s.on("data", (c: Buffer) => chunks.push(c));
          s.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out));
      zip.readEntry();
    });
  });
}

/** A cut per highlight, as the finaliser's transaction queues them (worker/jobs/analyze-finalize.ts). */
async function cutAll(analysisId: string) {
  const hs = await db().highlight.findMany({ where: { analysisId }, select: { id: true, revision: true } });
  await committer("analyze-finalize")(async () => ({
    next: hs.map((h) => ({ job: "cut-clip" as const, data: { highlightId: h.id, revision: h.revision } })),
  }));
}

describe("highlight clips service (real S3, Redis, Postgres, ffmpeg)", () => {
  it("cuts clips after analysis, zips them with readable names, exports every format, re-cuts on edit", async () => {
    const { video, analysis } = await analysedVideo();
    await cutAll(analysis.id);
    let hs = await allReady(video.id);
    expect(hs.map((h) => h.downloadName)).toEqual([
      "derby-citta-vs-konigsblau_penalty_01_00m00s.mp4",
      "derby-citta-vs-konigsblau_penalty_02_00m03s.mp4",
      "derby-citta-vs-konigsblau_penalty_03_00m05s.mp4",
    ]);
    // Embedded S3: links go through the app's media route, which sends the attachment disposition.
    expect(hs[0]!.clipUrl).toMatch(
      /^\/api\/media\/videos\/.+\.mp4\?download=derby-citta-vs-konigsblau_penalty_01/,
    );

    // ZIP: streamed, only the clips not rejected, each entry byte-identical to the stored clip.
    const res = await clipsZip(video.id);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="derby-citta-vs-konigsblau_clips.zip"',
    );
    const zipBytes = Buffer.from(await new Response(res.body).arrayBuffer());
    const entries = await unzip(zipBytes);
    expect([...entries.keys()]).toEqual([hs[0]!.downloadName, hs[1]!.downloadName]);
    const rows = await db().highlight.findMany({
      where: { analysisId: analysis.id },
      orderBy: { startS: "asc" },
    });
    expect(
      entries.get(hs[0]!.downloadName)!.equals(Buffer.from(await getObjectBytes(rows[0]!.clipKey!))),
    ).toBe(true);

    // Exports of the same rows: frames at 25 fps, rejected one left out.
    const text = async (f: "json" | "csv" | "edl" | "fcpxml" | "otio" | "chapters") => {
      const r = await exportHighlights(video.id, f);
      return { body: await r.text(), disposition: r.headers.get("content-disposition") };
    };
    const json = JSON.parse((await text("json")).body) as {
      highlights: { startFrame: number; endFrame: number }[];
    };
    expect(json.highlights.map((h) => [h.startFrame, h.endFrame])).toEqual([
      [13, 38],
      [76, 102], // 4.1 s × 25 = 102.4999… → 102
    ]);
    const csv = parseCsv((await text("csv")).body, { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.start_tc)).toEqual(["00:00:00:13", "00:00:03:01"]);
    const edl = await text("edl");
    expect(edl.disposition).toBe('attachment; filename="derby-citta-vs-konigsblau_highlights.edl"');
    expect(edl.body).toContain(
      "002  X        AA/V  C        00:00:03:01 00:00:04:02 01:00:01:00 01:00:02:01",
    );
    expect((await text("fcpxml")).body).toContain('start="76/25s" duration="26/25s"');
    expect((await text("otio")).body).toContain('"OTIO_SCHEMA": "Timeline.1"');
    expect((await text("chapters")).body).toBe("0:00 Kick-off, Penalty 1 & Penalty 2\n");

    // An edit moves the boundaries: new revision, new clip; status becomes "edited".
    const before = rows[1]!.clipKey;
    const patched = await patchHighlight(rows[1]!.id, { startS: 2, endS: 2.4 });
    expect(patched).toMatchObject({ status: "edited", revision: 1, clipStatus: "cutting", clipStale: true });
    hs = await allReady(video.id);
    const moved = await db().highlight.findUniqueOrThrow({ where: { id: rows[1]!.id } });
    expect(moved.clipKey).not.toBe(before);
    expect(moved.clipRevision).toBe(1);
    await expect(patchHighlight(rows[1]!.id, { endS: 99 })).rejects.toThrow(/past the end of the video/);
    await expect(patchHighlight(rows[1]!.id, { startS: 3, endS: 2.5 })).rejects.toThrow(/end must be after/);
  });

  it("keeps the clip when an edit goes back to the frames it holds (an undone trim), and re-cuts otherwise", async () => {
    const { video, analysis } = await analysedVideo();
    await cutAll(analysis.id);
    await allReady(video.id);
    const first = await db().highlight.findFirstOrThrow({
      where: { analysisId: analysis.id },
      orderBy: { startS: "asc" },
    });
    expect(first.clipKey).toMatch(/-r0-f13-38-[^/]+\.mp4$/); // 0.5–1.5 s at 25 fps
    // Trimmed, then undone at once: the trim's cut is dropped, the clip made for these frames stays.
    const trimmed = await patchHighlight(first.id, { startS: 0.5, endS: 1.2 });
    expect(trimmed).toMatchObject({ revision: 1, clipStatus: "cutting", clipStale: true });
    const undone = await patchHighlight(first.id, { startS: 0.5, endS: 1.5, status: "suggested" });
    expect(undone).toMatchObject({ status: "suggested", revision: 2, clipStatus: "ready", clipStale: false });
    expect(undone.clipUrl).not.toBeNull();
    // A move within the same frames keeps the clip too; one onto other frames is cut again.
    expect(await patchHighlight(first.id, { startS: 0.505 })).toMatchObject({
      clipStatus: "ready",
      revision: 3,
    });
    expect(await patchHighlight(first.id, { startS: 0.6 })).toMatchObject({
      clipStatus: "cutting",
      clipStale: true,
    });
    // One cut at a time, in order: by the time revision 4's is in, the trim's job has found newer edges
    // and given up without touching the clip.
    await allReady(video.id);
    const after = await db().highlight.findUniqueOrThrow({ where: { id: first.id } });
    expect(after).toMatchObject({ clipRevision: 4, clipStatus: "ready", revision: 4 });
    expect(after.clipKey).toMatch(/-r4-f15-38-[^/]+\.mp4$/);
    expect((await getObjectBytes(after.clipKey!)).byteLength).toBeGreaterThan(1000);
  });

  it("makes a filmstrip sprite and a WebVTT track", async () => {
    const { video } = await analysedVideo();
    await enqueue("filmstrip", { videoId: video.id }, { jobId: `${video.id}:filmstrip` });
    const v = await waitFor(async () => {
      const row = await db().video.findUnique({ where: { id: video.id } });
      return row?.filmstripVttKey ? row : null;
    });
    const vtt = new TextDecoder().decode(await getObjectBytes(v.filmstripVttKey!));
    expect(vtt).toBe("WEBVTT\n\n00:00:00.000 --> 00:00:06.000\nsprite.jpg#xywh=0,0,160,90\n");
    const sprite = path.join(tmp, "sprite.jpg");
    await writeFile(sprite, await getObjectBytes(v.filmstripSpriteKey!));
    const info = await ffprobeJson(sprite);
    expect([info.streams[0]!.width, info.streams[0]!.height]).toEqual([160, 90]);
  });
});
