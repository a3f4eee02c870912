// Live following end to end: real ffmpeg-made HLS on 127.0.0.1, Postgres, Redis, S3, onnxruntime.
// Uses a small generated head (test/live/onnx-head.ts) so the plumbing is tested whatever the trained
// model does; live-detect.int.test.ts checks the trained head finds a penalty live.
import { tmpdir } from "node:os";
import path from "node:path";
const root = path.join(tmpdir(), `matchcut-live-models-${process.pid}`);
process.env.MODELS_DIR = root;
process.env.LIVE_STALL_FACTOR = "2";
process.env.LIVE_POLL_FAST_MS = "200";
process.env.LIVE_SEGMENT_TRIES = "2";

import { createHash } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tracksOf } from "@/lib/analysis/scores";
import { db, disconnectDb } from "@/lib/platform/db";
import { deriveAllSegments } from "@/lib/highlights/segments";
import { activateVersion } from "@/lib/learn/service";
import { createLiveSource, getLiveSource, stopLiveSource } from "@/lib/live/service";
import { loadModel } from "@/lib/model";
import { queueFor } from "@/lib/queue";
import { ZLiveParams, ZSegmentScores } from "@/lib/schemas/live";
import { keys, presignGet, putObject } from "@/lib/platform/storage";
import { buildMatch, durationOf, makeUser, sharedClip, waitFor } from "@/test/fixtures";
import { modelFor } from "../analysis/models";
import { analyze } from "../analysis/pipeline";
import { toScoreFile } from "../analysis/store";
import { jobs } from "../jobs/registry";
import { startRuntime, type Runtime } from "../runtime";
import { cutHls, serveDir, serveLive, type CutSegment } from "@/test/live/hls-server";
import { headOnnx, writeTestModel } from "@/test/live/onnx-head";

const OPEN_PLAY = sharedClip("clips/other/soccer_broadcast_seriea_openplay.mp4");
const live = jobs.filter((j) => j.name.startsWith("live-"));

let runtime: Runtime;
let ownerId: string;
let tmp: string;
let match: string;
let segs: CutSegment[];
let modelId: string;
let whole: ReturnType<typeof toScoreFile>;

beforeAll(async () => {
  const base = JSON.parse(await readFile("models/penalty-lstm/manifest.json", "utf8")) as {
    backbone: { file: string; sha256: string };
  };
  modelId = (await writeTestModel(root, base)).id;
  await writeFile(path.join(root, "index.json"), JSON.stringify({ default: modelId }));
  tmp = await mkdtemp(path.join(tmpdir(), "live-test-"));
  match = path.join(tmp, "match.mp4");
  // One short clip scaled to 720p25: four segments (4 + 4 + 4 + 1.25 s), three boundaries to straddle.
  await buildMatch([OPEN_PLAY], match);
  segs = await cutHls(match, tmp, 4);
  // A whole-file run over the same segments is the reference. The random head's scores sit in a narrow
  // band, so thresholds come from their spread: some windows must become highlights for clips to be cut.
  whole = toScoreFile(
    (await analyze({ input: path.join(tmp, "vod.m3u8"), model: await loadModel(modelId) })).timeline,
  );
  const sorted = [...whole.scores.penalty!].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.floor(f * (sorted.length - 1))]!;
  await writeTestModel(root, base, {
    penalty: { enter: q(0.8), exit: q(0.7), minLengthS: 0.5, mergeGapS: 1, preRollS: 0.5, postRollS: 0.5 },
  });
  runtime = startRuntime(live);
  ownerId = (await makeUser("editor")).id;
}, 300_000);
afterAll(async () => {
  await runtime?.close();
  await disconnectDb();
});

const source = (id: string) => db().liveSource.findUniqueOrThrow({ where: { id } });
const segmentsOf = (id: string) =>
  db().liveSegment.findMany({ where: { liveSourceId: id }, orderBy: [{ epoch: "asc" }, { seq: "asc" }] });
const until = (id: string, ok: (s: Awaited<ReturnType<typeof source>>) => boolean, ms = 60_000) =>
  waitFor(async () => {
    const s = await source(id);
    return ok(s) ? s : null;
  }, ms);

describe("live following", () => {
  it("follows a master playlist as segments appear, scores windows across segment boundaries, records, clips", async () => {
    const server = await serveLive(segs);
    try {
      server.publish(1);
      const created = await createLiveSource(
        ownerId,
        { url: server.masterUrl, title: "Live test" },
        { modelId },
      );
      // publish the rest one by one while it follows
      while (server.published() < segs.length) {
        await until(created.id, (s) => Number(s.lastSeq ?? -1) >= server.published() - 1);
        server.publish(1);
      }
      server.end();
      const done = await until(created.id, (s) => s.videoId !== null || s.recordingError !== null, 120_000);
      expect(done.status).toBe("ended");
      expect(done.variant).toBe("1280×720, 3000 kb/s");

      const rows = await segmentsOf(created.id);
      expect(rows.map((r) => [Number(r.seq), r.status])).toEqual(segs.map((_, i) => [i, "recorded"]));
      const total = segs.reduce((a, s) => a + s.durationS, 0);
      expect(done.streamTimeS).toBeCloseTo(total, 6);

      // The live timeline is the one a whole-file run gives: windows spanning two segments included.
      const detail = await getLiveSource(created.id);
      const n = detail.timeline!.windows.length;
      expect(n).toBeGreaterThan(segs.length * 4 - 8);
      expect(detail.timeline!.windows).toEqual(whole.windows.slice(0, n));
      expect(whole.windows.length - n).toBeLessThanOrEqual(1);
      detail.timeline!.scores.penalty!.forEach((v, i) => expect(v).toBeCloseTo(whole.scores.penalty![i]!, 3));

      // Highlights: what offline derivation gives on the same windows, each cut to a clip of its length.
      const { segments: params } = ZLiveParams.parse(done.params);
      const expected = deriveAllSegments(
        tracksOf({
          ...whole,
          windows: whole.windows.slice(0, n),
          scores: {
            penalty: whole.scores.penalty!.slice(0, n),
            background: whole.scores.background!.slice(0, n),
          },
        }),
        params,
        total,
      );
      expect(detail.detections.map((d) => [d.startS, d.endS])).toEqual(expected.map((s) => [s.start, s.end]));
      expect(expected.length).toBeGreaterThan(0);
      const clips = await waitFor(async () => {
        const hs = await db().liveHighlight.findMany({ where: { liveSourceId: created.id } });
        return hs.every((h) => h.clipStatus !== "pending") ? hs : null;
      }, 120_000);
      for (const h of clips) {
        expect(h.clipError).toBeNull();
        expect(await durationOf(await presignGet(h.clipKey!, { internal: true }))).toBeCloseTo(
          h.endS - h.startS,
          0,
        );
      }

      // The recording became a Video, queued for probe like an upload.
      const video = await db().video.findUniqueOrThrow({ where: { id: done.videoId! } });
      expect(await durationOf(await presignGet(video.sourceKey, { internal: true }))).toBeCloseTo(total, 0);
      expect(await queueFor("probe").getJob(`${video.id}_probe`)).toBeTruthy();
    } finally {
      await server.close();
    }
  });

  it("marks a stream with no new segment stalled, keeps polling, recovers, and finalises on stop", async () => {
    const server = await serveLive(segs);
    try {
      server.publish(2);
      const created = await createLiveSource(ownerId, { url: server.url, title: "Stall test" }, { modelId });
      // target duration 4 s × LIVE_STALL_FACTOR 2
      const stalled = await until(created.id, (s) => s.status === "stalled", 30_000);
      expect(stalled.error).toMatch(/no new segment/);
      const ticks = stalled.tick;
      await until(created.id, (s) => s.tick > ticks + 1, 10_000); // still polling
      server.publish(1);
      const back = await until(
        created.id,
        (s) => s.status === "following" && Number(s.lastSeq) === 2,
        15_000,
      );
      expect(back.error).toBeNull();
      await stopLiveSource(created.id);
      const stopped = await until(created.id, (s) => s.status === "stopped" && s.videoId !== null, 60_000);
      expect((await segmentsOf(created.id)).map((r) => r.status)).toEqual([
        "recorded",
        "recorded",
        "recorded",
      ]);
      expect(stopped.endedAt).not.toBeNull();
    } finally {
      await server.close();
    }
  });

  it("records a segment that keeps answering 404 as a gap, shown on the source, and goes on", async () => {
    const server = await serveLive(segs);
    try {
      server.missing.add(1);
      server.publish(segs.length);
      server.end();
      const created = await createLiveSource(ownerId, { url: server.url, title: "Gap test" }, { modelId });
      await until(created.id, (s) => s.status === "ended", 60_000);
      const rows = await segmentsOf(created.id);
      expect(rows.map((r) => r.status)).toEqual(segs.map((_, i) => (i === 1 ? "gap" : "recorded")));
      expect(rows[1]!.error).toMatch(/HTTP 404/);
      const detail = await getLiveSource(created.id);
      expect(detail.gapRanges).toEqual([{ startS: 4, endS: 8, error: rows[1]!.error }]);
      // no window joins footage from both sides of the hole: none covers any frame of 4..8 s
      for (const w of detail.timeline!.windows) expect(w * 2 + 16 <= 16 || w * 2 >= 32).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("resumes after a worker restart: nothing stored twice, segments that slid away recorded as gaps", async () => {
    const server = await serveLive(segs, { window: 2 });
    try {
      server.publish(1);
      const created = await createLiveSource(
        ownerId,
        { url: server.url, title: "Restart test" },
        { modelId },
      );
      await until(created.id, (s) => Number(s.lastSeq ?? -1) === 0);
      await runtime.close();
      server.publish(3); // seq 1 leaves the 2-segment window while no worker runs
      runtime = startRuntime(live);
      await until(created.id, (s) => Number(s.lastSeq ?? -1) === 3, 60_000);
      server.end();
      await until(created.id, (s) => s.status === "ended", 60_000);
      const rows = await segmentsOf(created.id);
      expect(rows.map((r) => [Number(r.seq), r.status])).toEqual([
        [0, "recorded"],
        [1, "gap"],
        [2, "recorded"],
        [3, "recorded"],
      ]);
      expect(rows[1]!.error).toMatch(/left the playlist/);
    } finally {
      await server.close();
    }
  });

  it("starts a new epoch when the playlist resets", async () => {
    const server = await serveLive(segs);
    try {
      server.publish(2);
      const created = await createLiveSource(ownerId, { url: server.url, title: "Reset test" }, { modelId });
      await until(created.id, (s) => Number(s.lastSeq ?? -1) === 1);
      server.restart(segs.slice(0, 1));
      server.publish(1);
      server.end();
      const done = await until(created.id, (s) => s.status === "ended", 60_000);
      const rows = await segmentsOf(created.id);
      expect(rows.map((r) => [r.epoch, Number(r.seq), r.discontinuity])).toEqual([
        [0, 0, false],
        [0, 1, false],
        [1, 0, true],
      ]);
      expect(done.streamTimeS).toBeCloseTo(segs[0]!.durationS * 2 + segs[1]!.durationS, 6);
    } finally {
      await server.close();
    }
  });

  it("fails a source that is not a playlist or not reachable, with a clear error", async () => {
    const pages = await serveDir(tmp, { "page.html": "<html><body>hello</body></html>" });
    try {
      const html = await createLiveSource(
        ownerId,
        { url: `${pages.base}/page.html`, title: "Not HLS" },
        { modelId },
      );
      const closed = await serveDir(tmp);
      await closed.close(); // a port nothing listens on any more
      const refused = await createLiveSource(
        ownerId,
        { url: `${closed.base}/live.m3u8`, title: "Down" },
        { modelId },
      );
      expect((await until(html.id, (s) => s.status === "failed")).error).toMatch(/not an HLS playlist/);
      expect((await until(refused.id, (s) => s.status === "failed", 30_000)).error).toMatch(
        /playlist unreachable: connection refused/,
      );
      // The recording's outcome is written just after the failure (settleAllAndFinalize).
      expect((await until(refused.id, (s) => s.recordingError !== null)).recordingError).toBe(
        "nothing was recorded",
      );
    } finally {
      await pages.close();
    }
  });

  it("scores with the active model version from the segment after its activation, and says which", async () => {
    // A retrained version of the test model with a taught label ("corner") and a head of its own.
    const installed = await loadModel(modelId);
    const m = installed.manifest;
    const head = headOnnx(16, 1280, 3, 11);
    const sha = createHash("sha256").update(head).digest("hex");
    const v = await db().modelVersion.create({
      data: {
        modelId,
        version: "test-r1",
        parentVersion: m.version,
        status: "ready",
        headSha256: sha,
        manifest: {
          ...m,
          version: "test-r1",
          head: { file: "head.onnx", sha256: sha },
          labels: { ...m.labels, names: ["background", "penalty", "corner"] },
          segmentDefaults: { ...m.segmentDefaults, corner: m.segmentDefaults.penalty! },
        } as object,
      },
    });
    await putObject(keys.modelVersionFile(v.id, "head.onnx"), head, "application/octet-stream");
    await putObject(keys.modelVersionFile(v.id, "parity.json"), "{}", "application/json");
    // What the version gives on the whole file: its windows differ from the installed head's.
    const byVersion = toScoreFile(
      (await analyze({ input: path.join(tmp, "vod.m3u8"), model: await modelFor(modelId, v.id) })).timeline,
    );
    expect(byVersion.windows).toEqual(whole.windows);
    expect(byVersion.scores.penalty!.some((x, i) => Math.abs(x - whole.scores.penalty![i]!) > 0.01)).toBe(
      true,
    );

    const server = await serveLive(segs);
    try {
      server.publish(1);
      const created = await createLiveSource(
        ownerId,
        { url: server.url, title: "Version test" },
        { modelId },
      );
      await until(created.id, (s) => Number(s.lastSeq ?? -1) === 0);
      await activateVersion(v.id); // mid-stream: the next segment is the version's
      server.publish(segs.length - 1);
      server.end();
      await until(created.id, (s) => s.status === "ended", 60_000);

      const rows = await segmentsOf(created.id);
      expect(rows.map((r) => [r.status, r.modelVersionId])).toEqual(
        segs.map((_, i) => ["recorded", i === 0 ? null : v.id]),
      );
      for (const r of rows) {
        const own = ZSegmentScores.parse(r.scores);
        const ref = r.modelVersionId ? byVersion : whole;
        expect(Object.keys(own.scores).sort()).toEqual(
          r.modelVersionId ? ["background", "corner", "penalty"] : ["background", "penalty"],
        );
        for (const label of Object.keys(own.scores))
          own.windows.forEach((w, i) =>
            expect(own.scores[label]![i]).toBeCloseTo(ref.scores[label]![ref.windows.indexOf(w)]!, 3),
          );
      }
      const detail = await getLiveSource(created.id);
      expect(detail.timeline!.labels).toEqual(["background", "penalty", "corner"]);
      expect(detail.scoredBy).toEqual([
        { startS: 0, version: null },
        { startS: segs[0]!.durationS, version: "test-r1" },
      ]);
      expect(ZLiveParams.parse((await source(created.id)).params).segments.corner).toEqual(
        m.segmentDefaults.penalty,
      );
    } finally {
      await activateVersion(null);
      await server.close();
    }
  });
});
