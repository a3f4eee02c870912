// Renaming and removing taught labels (issue #14) through their routes, on real Postgres and S3.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as removeRoute, PATCH as renameRoute } from "@/app/api/labels/[name]/route";
import { POST as addRoute } from "@/app/api/labels/route";
import { makeUser, makeVideo } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import { ZScoreFile } from "../analysis/scores";
import { db, disconnectDb } from "@/lib/platform/db";
import { defaultModelId, readManifest, ZModelManifest } from "../model";
import { closeQueues } from "../queue";
import { getLiveSource } from "../live/service";
import { getReview } from "../review/service";
import type { TKnownLabelsDto, TLabelRemovedDto } from "../schemas/labels";
import { getObjectBytes, keys, putObject } from "@/lib/platform/storage";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let editor: string;
let viewer: string;
beforeAll(async () => {
  editor = await cookieFor((await makeUser("editor")).id);
  viewer = await cookieFor((await makeUser("viewer")).id);
});
afterAll(async () => {
  // Taught labels are the instance's: a retrain in another test file lists every one left behind.
  await db().trainingLabel.deleteMany({ where: { label: { in: [...named] } } });
  await db().taughtLabel.deleteMany({ where: { name: { in: [...named] } } });
  await closeQueues();
  await disconnectDb();
});

// Names are global: each test its own, lowercase letters only (as a label name must be).
const named = new Set<string>();
const fresh = (stem: string) => {
  const name = `${stem}-${[...randomUUID().replace(/[^a-f]/g, "")].slice(0, 6).join("") || "x"}`;
  named.add(name);
  return name;
};
const rename = (name: string, json: unknown, cookie = editor) =>
  call(renameRoute, { method: "PATCH", path: `/api/labels/${name}`, params: { name }, cookie, json });
const remove = (name: string, json: unknown = { confirm: true }, cookie = editor) =>
  call(removeRoute, { method: "DELETE", path: `/api/labels/${name}`, params: { name }, cookie, json });
const add = async (name: string) => {
  const res = await call(addRoute, { method: "POST", path: "/api/labels", cookie: editor, json: { name } });
  expect(res.status).toBe(200);
};
// 409/404: the error's message; 422: the messages of the body's issues
const message = async (res: Response) => {
  const body = (await res.json()) as { error: string; issues?: { message: string }[] };
  return body.issues ? body.issues.map((i) => i.message).join("; ") : body.error;
};

/** A video with an analysis scored by a version that learnt `label`, an example of it and a highlight. */
async function learntBy(label: string, opts: { active?: boolean } = {}) {
  const installed = readManifest(defaultModelId()).manifest;
  const names = [...installed.labels.names, label];
  const manifest = ZModelManifest.parse({
    ...installed,
    version: "r1",
    labels: { ...installed.labels, names },
    segmentDefaults: { ...installed.segmentDefaults, [label]: installed.segmentDefaults.penalty },
    metrics: { newLabels: { [label]: { precision: 1 } } },
  });
  // A model id of its own: "active" here serves no other test's analyses.
  const version = await db().modelVersion.create({
    data: {
      modelId: `labels-test-${randomUUID()}`,
      version: "r1",
      parentVersion: installed.version,
      status: "ready",
      active: opts.active ?? false,
      headSha256: "0".repeat(64),
      manifest: manifest as object,
      metrics: { newLabels: { [label]: { precision: 1 } } },
      examples: { newLabels: [label] },
    },
  });
  const owner = await makeUser();
  const v = await makeVideo(owner.id, new Uint8Array([1, 2, 3]), "Final.mp4");
  await db().video.update({
    where: { id: v.id },
    data: { ...videoLifecycle.seed("ready"), fps: 25, durationS: 60, reelLabel: label },
  });
  const a = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: installed.id,
      modelVersion: "r1",
      modelVersionId: version.id,
      ...analysisLifecycle.seed("complete"),
      current: true,
      params: { segments: { [label]: installed.segmentDefaults.penalty } },
    },
  });
  const scoresKey = keys.scores(v.id, a.id);
  const file = {
    version: 1,
    labels: names,
    rate: 4,
    windowFrames: 16,
    strideFrames: 2,
    windows: [0, 1],
    scores: Object.fromEntries(names.map((n, i) => [n, [i / 10, i / 10]])),
  };
  await putObject(scoresKey, JSON.stringify(file), "application/json");
  await db().analysis.update({ where: { id: a.id }, data: { scoresKey } });
  const h = await db().highlight.create({
    data: {
      videoId: v.id,
      analysisId: a.id,
      label,
      startS: 10,
      endS: 14,
      peak: 0,
      mean: 0,
      status: "edited",
    },
  });
  await db().trainingLabel.create({
    data: {
      videoId: v.id,
      analysisId: a.id,
      highlightId: h.id,
      label,
      kind: "positive",
      origin: "added",
      startS: 10,
      endS: 14,
    },
  });
  // and a live source it scored
  const live = await db().liveSource.create({
    data: {
      ownerId: owner.id,
      title: "Live",
      url: "http://example.com/live.m3u8",
      modelId: installed.id,
      params: {
        grid: { labels: names, rate: 4, windowFrames: 16, strideFrames: 2 },
        segments: { [label]: installed.segmentDefaults.penalty },
      },
    },
  });
  await db().liveSegment.create({
    data: {
      liveSourceId: live.id,
      epoch: 0,
      seq: 0n,
      status: "recorded",
      uri: "0.ts",
      startS: 0,
      durationS: 4,
      firstFrame: 0,
      frameCount: 16,
      seenAt: new Date(),
      modelVersionId: version.id,
      scores: { windows: [0], scores: Object.fromEntries(names.map((n) => [n, [0.25]])) },
    },
  });
  await db().liveHighlight.create({
    data: { liveSourceId: live.id, label, startS: 1, endS: 3, peak: 0.9, mean: 0.8 },
  });
  return { version, videoId: v.id, analysisId: a.id, highlightId: h.id, scores: file, liveId: live.id };
}

describe("renaming a taught label", () => {
  it("renames the label, its examples, highlights, the versions that learnt it and their tracks", async () => {
    const typo = fresh("cornr");
    const fixed = fresh("corner");
    await add(typo);
    const s = await learntBy(typo);

    expect((await rename(typo, { name: fixed }, viewer)).status).toBe(403);
    const res = await rename(typo, { name: fixed });
    expect(res.status).toBe(200);
    const names = ((await res.json()) as TKnownLabelsDto).labels.map((l) => l.name);
    expect(names).toContain(fixed);
    expect(names).not.toContain(typo);

    expect(await db().taughtLabel.findUnique({ where: { name: typo } })).toBeNull();
    expect((await db().trainingLabel.findFirstOrThrow({ where: { highlightId: s.highlightId } })).label).toBe(
      fixed,
    );
    expect((await db().highlight.findUniqueOrThrow({ where: { id: s.highlightId } })).label).toBe(fixed);
    expect((await db().video.findUniqueOrThrow({ where: { id: s.videoId } })).reelLabel).toBe(fixed);
    const v = await db().modelVersion.findUniqueOrThrow({ where: { id: s.version.id } });
    const manifest = ZModelManifest.parse(v.manifest);
    expect(manifest.labels.names).toEqual([...s.scores.labels.slice(0, -1), fixed]);
    expect(Object.keys(manifest.segmentDefaults)).toContain(fixed);
    expect(Object.keys(manifest.segmentDefaults)).not.toContain(typo);
    expect(v.metrics).toEqual({ newLabels: { [fixed]: { precision: 1 } } });
    expect(v.examples).toEqual({ newLabels: [fixed] });

    // The timeline keeps the track, under its new name and with its scores, and its slider settings.
    const a = await db().analysis.findUniqueOrThrow({ where: { id: s.analysisId } });
    expect(a.scoresKey).not.toBe(keys.scores(s.videoId, s.analysisId));
    const file = ZScoreFile.parse(JSON.parse(new TextDecoder().decode(await getObjectBytes(a.scoresKey!))));
    expect(file.labels).toEqual(manifest.labels.names);
    expect(file.scores[fixed]).toEqual(s.scores.scores[typo]);
    const review = await getReview(s.videoId);
    expect(review.scores!.labels).toContain(fixed);
    expect(Object.keys(review.params)).toContain(fixed);
    expect(Object.keys(review.defaults)).toContain(fixed);
    expect(review.highlights.highlights.map((h) => h.label)).toEqual([fixed]);

    // The live source it scored: its timeline and detections carry the new name.
    const live = await getLiveSource(s.liveId);
    expect(live.timeline!.labels).toEqual(manifest.labels.names);
    expect(live.timeline!.scores[fixed]).toEqual([0.25]);
    expect(live.timeline!.scores[typo]).toBeUndefined();
    expect(live.detections.map((d) => d.label)).toEqual([fixed]);
  });

  it("refuses a built-in label, a clash, a bad name, an unknown label and a rename during a retrain", async () => {
    const taught = fresh("save");
    const other = fresh("goal");
    await add(taught);
    await add(other);
    const builtIn = await rename("penalty", { name: fresh("pen") });
    expect(builtIn.status).toBe(409);
    expect(await message(builtIn)).toMatch(
      /"penalty" is built into the installed model .* cannot be renamed/,
    );
    const clash = await rename(taught, { name: other });
    expect(clash.status).toBe(409);
    expect(await message(clash)).toMatch(`There is already a label "${other}"`);
    expect((await rename(taught, { name: "penalty" })).status).toBe(409);
    expect((await rename(taught, { name: "Red Card" })).status).toBe(422);
    expect((await rename(fresh("nothing"), { name: fresh("else") })).status).toBe(404);

    const retrain = await db().modelVersion.create({
      data: { modelId: `labels-test-${randomUUID()}`, version: "r9", parentVersion: "1", status: "training" },
    });
    try {
      const busy = await rename(taught, { name: fresh("keeper") });
      expect(busy.status).toBe(409);
      expect(await message(busy)).toMatch(/retrain .* is reading the labels now/);
    } finally {
      await db().modelVersion.delete({ where: { id: retrain.id } });
    }
    expect(await db().taughtLabel.findUnique({ where: { name: taught } })).not.toBeNull();
  });
});

describe("removing a taught label", () => {
  it("needs a confirmation, then removes the label and its examples and says how many", async () => {
    const mistake = fresh("oops");
    await add(mistake);
    const s = await learntBy(mistake); // learnt by a version that is not active

    const unconfirmed = await remove(mistake, {});
    expect(unconfirmed.status).toBe(422);
    expect(await message(unconfirmed)).toMatch(/deletes its examples/);
    expect((await remove(mistake, { confirm: true }, viewer)).status).toBe(403);

    const res = await remove(mistake);
    expect(res.status).toBe(200);
    const out = (await res.json()) as TLabelRemovedDto;
    expect(out.removed).toBe(mistake);
    expect(out.examples).toBe(1);
    expect(out.labels.map((l) => l.name)).not.toContain(mistake);
    expect(await db().taughtLabel.findUnique({ where: { name: mistake } })).toBeNull();
    expect(await db().trainingLabel.count({ where: { label: mistake } })).toBe(0);
    expect(await db().highlight.findUnique({ where: { id: s.highlightId } })).toBeNull();
    expect((await remove(mistake)).status).toBe(404);
  });

  it("refuses a built-in label and one the active version has learnt, saying what to do", async () => {
    const builtIn = await remove("penalty");
    expect(builtIn.status).toBe(409);
    expect(await message(builtIn)).toMatch(/built into the installed model .* cannot be removed/);

    const learnt = fresh("dunk");
    await add(learnt);
    const s = await learntBy(learnt, { active: true });
    const res = await remove(learnt);
    expect(res.status).toBe(409);
    expect(await message(res)).toMatch(
      new RegExp(`active model version r1 has learnt "${learnt}".*Activate a version that has not learnt it`),
    );
    expect(await db().trainingLabel.count({ where: { label: learnt } })).toBe(1);
    expect(await db().taughtLabel.findUnique({ where: { name: learnt } })).not.toBeNull();
    await db().modelVersion.update({ where: { id: s.version.id }, data: { active: false } });
  });
});
