import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, makeVideo } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import { PATCH as patchHighlightRoute } from "@/app/api/highlights/[id]/route";
import { GET as exportRoute, PUT as importRoute } from "@/app/api/videos/[id]/labels/route";
import { PUT as completeRoute } from "@/app/api/videos/[id]/review-complete/route";
import { POST as addRoute } from "@/app/api/videos/[id]/review/highlights/route";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeQueues } from "../queue";
import { listLabels } from "./service";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let editor: string;
let viewer: string;
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});
beforeAll(async () => {
  editor = await cookieFor((await makeUser("editor")).id);
  viewer = await cookieFor((await makeUser("viewer")).id);
});

async function seed() {
  const owner = await makeUser();
  const v = await makeVideo(owner.id, new Uint8Array([1, 2, 3]), "Final.mp4");
  await db().video.update({
    where: { id: v.id },
    data: { ...videoLifecycle.seed("ready"), fps: 25, durationS: 60 },
  });
  const a = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "penalty-lstm",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const mk = (startS: number, endS: number) =>
    db().highlight.create({
      data: { videoId: v.id, analysisId: a.id, label: "penalty", startS, endS, peak: 0.9, mean: 0.8 },
    });
  return { videoId: v.id, analysisId: a.id, h1: await mk(10, 14), h2: await mk(30, 33) };
}

describe("labels from review decisions (issue #14)", () => {
  it("accept, reject, trim and a hand-added highlight become labelled intervals tied to the analysis", async () => {
    const s = await seed();
    const patch = (id: string, json: unknown) =>
      call(patchHighlightRoute, {
        method: "PATCH",
        path: `/api/highlights/${id}`,
        params: { id },
        cookie: editor,
        json,
      });
    expect((await patch(s.h1.id, { status: "accepted" })).status).toBe(200);
    expect((await patch(s.h2.id, { status: "rejected" })).status).toBe(200);
    let l = await listLabels(s.videoId);
    expect(l.labels.map((x) => [x.kind, x.origin, x.startS, x.endS])).toEqual([
      ["positive", "accept", 10, 14],
      ["negative", "reject", 30, 33],
    ]);
    // trim: the label follows the new boundaries; back to suggested: no label
    expect((await patch(s.h1.id, { startS: 11, endS: 13.5 })).status).toBe(200);
    expect((await patch(s.h2.id, { status: "suggested" })).status).toBe(200);
    const added = await call(addRoute, {
      method: "POST",
      path: `/api/videos/${s.videoId}/review/highlights`,
      params: { id: s.videoId },
      cookie: editor,
      json: { label: "penalty", startS: 50, endS: 54 },
    });
    expect(added.status).toBe(200);
    l = await listLabels(s.videoId);
    expect(l.labels.map((x) => [x.kind, x.origin, x.startS, x.endS])).toEqual([
      ["positive", "trim", 11, 13.5],
      ["positive", "added", 50, 54],
    ]);
    const rows = await db().trainingLabel.findMany({ where: { videoId: s.videoId } });
    expect(rows.every((r) => r.analysisId === s.analysisId)).toBe(true);
  });

  it("marks a review complete, exports Labels-v2 JSON and imports it back (viewers may only read)", async () => {
    const s = await seed();
    const put = (cookie: string, json: unknown) =>
      call(completeRoute, {
        method: "PUT",
        path: `/api/videos/${s.videoId}/review-complete`,
        params: { id: s.videoId },
        cookie,
        json,
      });
    expect((await put(viewer, { complete: true })).status).toBe(403);
    const done = await put(editor, { complete: true });
    expect(((await done.json()) as { reviewComplete: boolean }).reviewComplete).toBe(true);

    const file = {
      UrlLocal: "other/match.mp4",
      annotations: [
        { gameTime: "1 - 00:20", label: "Penalty", position: "20000", end: "24500" },
        { gameTime: "1 - 00:40", label: "background", position: "40000", end: "42000" },
        { gameTime: "1 - 00:50", label: "Penalty", position: "50000" },
      ],
    };
    const imp = (cookie: string, json: unknown) =>
      call(importRoute, {
        method: "PUT",
        path: `/api/videos/${s.videoId}/labels`,
        params: { id: s.videoId },
        cookie,
        json,
      });
    expect((await imp(viewer, file)).status).toBe(403);
    expect((await imp(editor, file)).status).toBe(200);
    // importing again replaces the earlier import rather than doubling it
    expect((await imp(editor, file)).status).toBe(200);
    const exp = await call(exportRoute, {
      method: "GET",
      path: `/api/videos/${s.videoId}/labels`,
      params: { id: s.videoId },
      cookie: viewer,
    });
    const out = (await exp.json()) as { annotations: { label: string; position: string; end: string }[] };
    expect(out.annotations.map((a) => [a.label, a.position, a.end])).toEqual([
      ["penalty", "20000", "24500"],
      ["background", "40000", "42000"],
      ["penalty", "48000", "52000"],
    ]);

    const bad = await imp(editor, { annotations: [{ label: "penalty", position: "59000", end: "75000" }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/past the end of the video \(60.00 s\)/);
    const malformed = await imp(editor, { annotations: [{ label: "penalty", position: "1:20" }] });
    expect(malformed.status).toBe(422);
    expect((await listLabels(s.videoId)).labels).toHaveLength(3);
  });
});
