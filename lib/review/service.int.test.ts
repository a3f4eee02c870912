import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, makeVideo, readFixture } from "@/test/fixtures";
import { makeIndexedVideo } from "@/test/media";
import type { TScoreFile } from "../analysis/scores";
import { db, disconnectDb } from "@/lib/platform/db";
import { deriveAllSegments, type SegmentParams } from "../highlights/segments";
import { tracksOf } from "../analysis/scores";
import { closeQueues, queueFor } from "../queue";
import { keys, putObject } from "@/lib/platform/storage";
import { applySegments, createHighlight, getReview } from "./service";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let ownerId: string;
let tmp: string;
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});
beforeAll(async () => {
  ownerId = (await makeUser()).id;
  tmp = await mkdtemp(path.join(tmpdir(), "review-svc-"));
  // one source for every test: generating it is the slow part
  await makeIndexedVideo(path.join(tmp, "src.mp4"), { seconds: 60, rate: "25" });
});

// 60 windows of 1 s; "penalty" is high in 10–14 s and 40–41 s.
const scores: TScoreFile = {
  version: 1,
  labels: ["background", "penalty"],
  rate: 1,
  windowFrames: 1,
  strideFrames: 1,
  windows: Array.from({ length: 60 }, (_, i) => i),
  scores: {
    background: Array.from({ length: 60 }, () => 0.5),
    penalty: Array.from({ length: 60 }, (_, i) => ((i >= 10 && i < 15) || (i >= 40 && i < 42) ? 0.9 : 0.05)),
  },
};
const base: SegmentParams = { enter: 0.5, exit: 0.4, minLengthS: 0, mergeGapS: 0, preRollS: 0, postRollS: 0 };

async function seed() {
  const file = path.join(tmp, "src.mp4");
  const v = await makeVideo(ownerId, await readFixture(file), "Final.mp4");
  await db().video.update({
    where: { id: v.id },
    data: { ...videoLifecycle.seed("ready"), fps: 25, durationS: 60, width: 160, height: 90, hasAudio: true },
  });
  const a = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "missing-model",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const scoresKey = keys.scores(v.id, a.id);
  await putObject(scoresKey, JSON.stringify(scores), "application/json");
  await db().analysis.update({ where: { id: a.id }, data: { scoresKey, params: { chunkS: 300 } } });
  const derived = deriveAllSegments(tracksOf(scores), { penalty: base }, 60);
  await db().highlight.createMany({
    data: derived.map((s) => ({
      videoId: v.id,
      analysisId: a.id,
      label: s.label,
      startS: s.start,
      endS: s.end,
      peak: s.peak,
      mean: s.mean,
    })),
  });
  return { videoId: v.id, analysisId: a.id };
}

const cutJobs = async (ids: string[]) =>
  (
    await queueFor("cut-clip").getJobs(["waiting", "prioritized", "active", "completed", "failed", "delayed"])
  ).filter((j) => ids.includes((j.data as { highlightId: string }).highlightId));

describe("review service (real Postgres, S3, Redis)", () => {
  it("serves everything the page needs in one answer", async () => {
    const { videoId, analysisId } = await seed();
    const r = await getReview(videoId);
    expect(r.analysisId).toBe(analysisId);
    expect(r.scores?.labels).toEqual(["background", "penalty"]);
    expect(r.media.kind).toBe("source");
    expect(r.highlights.highlights).toHaveLength(2);
    // a model gone from disk: no defaults, the page falls back
    expect(r.defaults).toEqual({});
    expect(r.shots).toEqual([]);
  });

  it("re-derives suggestions, keeps decisions and unchanged rows, stores the params, cuts only new ones", async () => {
    const { videoId, analysisId } = await seed();
    const [first, second] = await db().highlight.findMany({ where: { videoId }, orderBy: { startS: "asc" } });
    await db().highlight.update({ where: { id: first!.id }, data: { status: "accepted" } });
    // 1 s of pre/post roll: the accepted 10–15 s one stays, the 40–42 s suggestion is replaced by 39–43 s
    const params = { penalty: { ...base, preRollS: 1, postRollS: 1 } };
    const out = await applySegments(videoId, params);
    expect(out).toMatchObject({ created: 1, removed: 1, kept: 1 });
    const rows = await db().highlight.findMany({ where: { videoId }, orderBy: { startS: "asc" } });
    expect(rows.map((h) => [h.startS, h.endS, h.status])).toEqual([
      [10, 15, "accepted"],
      [39, 43, "suggested"],
    ]);
    expect(rows.some((h) => h.id === second!.id)).toBe(false);
    const a = await db().analysis.findUniqueOrThrow({ where: { id: analysisId } });
    expect(a.params).toEqual({ chunkS: 300, segments: params });
    expect(await cutJobs([rows[1]!.id])).toHaveLength(1);
    expect(await cutJobs([rows[0]!.id])).toHaveLength(0);

    // applying the same again changes nothing
    expect(await applySegments(videoId, params)).toMatchObject({ created: 0, removed: 0, kept: 2 });
    await expect(applySegments(videoId, { goal: base })).rejects.toThrow(/Unknown class/);
  });

  it("creates a hand-marked highlight as edited, with its score stats, and queues its cut", async () => {
    const { videoId } = await seed();
    const h = await createHighlight(videoId, { label: "penalty", startS: 9, endS: 16 });
    expect(h.status).toBe("edited");
    expect(h.peak).toBeCloseTo(0.9, 6);
    expect(h.clipStatus).toBe("cutting");
    expect(await cutJobs([h.id])).toHaveLength(1);
    await expect(createHighlight(videoId, { label: "penalty", startS: 50, endS: 61 })).rejects.toThrow(
      /past the end/,
    );
    await expect(createHighlight(videoId, { label: "nosuchlabel", startS: 9, endS: 16 })).rejects.toThrow(
      /There is no label "nosuchlabel" to mark: add it under "Teach the model" first \(known: .*penalty/,
    );
    await expect(createHighlight(videoId, { label: "background", startS: 9, endS: 16 })).rejects.toThrow(
      /no label "background"/,
    );
  });
});
