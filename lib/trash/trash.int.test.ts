// Deleting loses nothing: ownership, trash, restore with highlights and clips, purge, audit log.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute, GET as getRoute } from "@/app/api/videos/[id]/route";
import { GET as mediaRoute } from "@/app/api/media/[...key]/route";
import { POST as restoreRoute } from "@/app/api/trash/[id]/restore/route";
import { GET as trashRoute } from "@/app/api/trash/route";
import { PATCH as roleRoute } from "@/app/api/users/[id]/route";
import { makeUser, makeVideo } from "@/test/fixtures";
import { allRoutes, APP_ORIGIN, call, cookieFor, paramsFor, urlFor } from "@/test/routes";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeQueues, queueFor } from "../queue";
import { headObject, keys, putObject } from "@/lib/platform/storage";
import { purgeVideo, TRASH_DAYS } from "./service";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { clipLifecycle } from "@/lib/clips/lifecycle";

let owner: { id: string; cookie: string };
let other: { id: string; cookie: string };
let admin: { id: string; cookie: string };
const person = async (role: "admin" | "editor") => {
  const u = await makeUser(role);
  return { id: u.id, cookie: await cookieFor(u.id) };
};
beforeAll(async () => {
  [owner, other, admin] = [await person("editor"), await person("editor"), await person("admin")];
});
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

async function videoWithClip() {
  const v = await makeVideo(owner.id, new Uint8Array(1000).fill(1), "Final.mp4");
  const a = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "m",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const clipKey = keys.clip(v.id, randomUUID());
  await putObject(clipKey, new Uint8Array(10), "video/mp4");
  const h = await db().highlight.create({
    data: {
      videoId: v.id,
      analysisId: a.id,
      label: "penalty",
      startS: 1,
      endS: 5,
      peak: 0.9,
      mean: 0.8,
      clipKey,
      ...clipLifecycle.seed("ready"),
    },
  });
  return { ...v, clipKey, highlightId: h.id };
}

const del = (id: string, cookie: string) =>
  call(deleteRoute, { method: "DELETE", path: `/api/videos/${id}`, params: { id }, cookie });
const get = (id: string, cookie: string) =>
  call(getRoute, { method: "GET", path: `/api/videos/${id}`, params: { id }, cookie });

const media = (key: string) =>
  call(mediaRoute, {
    method: "GET",
    path: `/api/media/${key}`,
    params: { key: key.split("/") } as unknown as Record<string, string>,
    cookie: owner.cookie,
  });

describe("trash", () => {
  it("an editor cannot delete another editor's video (403); the owner's delete goes to the trash and restores whole", async () => {
    const v = await videoWithClip();
    expect((await del(v.id, other.cookie)).status).toBe(403);
    expect((await get(v.id, owner.cookie)).status).toBe(200);

    expect((await del(v.id, owner.cookie)).status).toBe(200);
    expect((await get(v.id, owner.cookie)).status).toBe(404);
    expect(await queueFor("purge-video").getJob(`${v.id}_purge`)).toBeTruthy();
    const listed = (await (
      await call(trashRoute, { method: "GET", path: "/api/trash", cookie: owner.cookie })
    ).json()) as {
      videos: { id: string }[];
    };
    expect(listed.videos.map((x) => x.id)).toContain(v.id);
    const notMine = (await (
      await call(trashRoute, { method: "GET", path: "/api/trash", cookie: other.cookie })
    ).json()) as {
      videos: { id: string }[];
    };
    expect(notMine.videos.map((x) => x.id)).not.toContain(v.id);
    expect(await headObject(v.sourceKey)).not.toBeNull();

    const restore = (cookie: string) =>
      call(restoreRoute, {
        method: "POST",
        path: `/api/trash/${v.id}/restore`,
        params: { id: v.id },
        cookie,
      });
    expect((await restore(other.cookie)).status).toBe(403);
    expect((await restore(owner.cookie)).status).toBe(200);
    const back = await get(v.id, owner.cookie);
    expect(back.status).toBe(200);
    const highlights = await db().highlight.findMany({ where: { videoId: v.id } });
    expect(highlights).toHaveLength(1);
    expect(highlights[0]!.clipKey).toBe(v.clipKey);
    expect(await headObject(v.clipKey)).not.toBeNull();
    expect(await queueFor("purge-video").getJob(`${v.id}_purge`)).toBeFalsy();

    const log = await db().auditLog.findMany({ where: { targetId: v.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((e) => [e.action, e.actorId])).toEqual([
      ["video_delete", owner.id],
      ["video_restore", owner.id],
    ]);
  });

  it("a trashed video and its highlights answer 404 on every route that names them by id", async () => {
    const v = await videoWithClip();
    for (const key of [v.sourceKey, v.clipKey]) expect((await media(key)).status, key).toBe(200);
    expect((await del(v.id, owner.cookie)).status).toBe(200);
    // A valid body for each route that takes one: the refusal must come from the lookup, not the schema.
    const segment = { enter: 0.5, exit: 0.4, minLengthS: 1, mergeGapS: 1, preRollS: 1, postRollS: 1 };
    const bodies: Record<string, unknown> = {
      "PATCH app/api/videos/[id]/route.ts": { title: "Renamed" },
      "POST app/api/videos/[id]/review/highlights/route.ts": { label: "penalty", startS: 1, endS: 2 },
      "POST app/api/videos/[id]/segments/route.ts": { params: { penalty: segment } },
      "PATCH app/api/highlights/[id]/route.ts": { status: "accepted" },
      "PUT app/api/videos/[id]/labels/route.ts": { annotations: [] },
      "PUT app/api/videos/[id]/review-complete/route.ts": { complete: true },
      "POST app/api/videos/[id]/reel/route.ts": { label: "penalty" },
      "POST app/api/videos/[id]/aspects/route.ts": { aspect: "9:16", label: "penalty" },
      "POST app/api/highlights/[id]/aspects/route.ts": { aspect: "9:16" },
      "PUT app/api/highlights/[id]/crop/route.ts": { keys: [], locked: false },
    };
    const byId = (await allRoutes()).filter((r) => /^app\/api\/(videos|highlights)\/\[id\]\//.test(r.file));
    expect(byId.length).toBeGreaterThan(10);
    for (const r of byId) {
      const id = r.file.startsWith("app/api/highlights/") ? v.highlightId : v.id;
      const name = `${r.method} ${r.file}`;
      if (r.takesBody) expect(bodies, name).toHaveProperty([name]);
      const res = await call(r.handler, {
        method: r.method,
        path: `${urlFor(r.file, id)}?format=json`,
        params: paramsFor(r.file, id),
        cookie: owner.cookie,
        ...(r.takesBody
          ? { json: bodies[name] }
          : r.method === "GET"
            ? {}
            : { headers: { origin: APP_ORIGIN() } }),
      });
      expect(res.status, name).toBe(404);
    }
    for (const key of [v.sourceKey, v.clipKey]) expect((await media(key)).status, key).toBe(404);
  });

  it("an admin may delete and restore anyone's video", async () => {
    const v = await videoWithClip();
    expect((await del(v.id, admin.cookie)).status).toBe(200);
    const res = await call(restoreRoute, {
      method: "POST",
      path: `/api/trash/${v.id}/restore`,
      params: { id: v.id },
      cookie: admin.cookie,
    });
    expect(res.status).toBe(200);
  });

  it("the purge job removes a trashed video and its objects only once its time is up", async () => {
    const v = await videoWithClip();
    expect((await del(v.id, owner.cookie)).status).toBe(200);
    const job = await queueFor("purge-video").getJob(`${v.id}_purge`);
    // Counted from the delete's commit (the outbox hands it to BullMQ a moment later).
    expect(job?.opts.delay).toBeLessThanOrEqual(TRASH_DAYS * 86_400_000);
    expect(job?.opts.delay).toBeGreaterThan(TRASH_DAYS * 86_400_000 - 60_000);
    expect(await purgeVideo(v.id)).toBe(false);
    expect(await purgeVideo(v.id, new Date(Date.now() + (TRASH_DAYS + 1) * 86_400_000))).toBe(true);
    expect(await db().video.findUnique({ where: { id: v.id } })).toBeNull();
    expect(await headObject(v.sourceKey)).toBeNull();
    expect(await headObject(v.clipKey)).toBeNull();
    const actions = (await db().auditLog.findMany({ where: { targetId: v.id } })).map((e) => e.action);
    expect(actions).toContain("video_purge");
  });
});

describe("role changes", () => {
  it("are admin-only and audited", async () => {
    const target = await makeUser("viewer");
    const patch = (cookie: string) =>
      call(roleRoute, {
        method: "PATCH",
        path: `/api/users/${target.id}`,
        params: { id: target.id },
        cookie,
        json: { role: "editor" },
      });
    expect((await patch(owner.cookie)).status).toBe(403);
    expect((await patch(admin.cookie)).status).toBe(200);
    const entry = await db().auditLog.findFirst({ where: { targetId: target.id, action: "role_change" } });
    expect(entry?.actorId).toBe(admin.id);
    expect(entry?.detail).toEqual({ from: "viewer", to: "editor" });
  });
});
