// The janitor (issue #16) on real Postgres and S3: the admin's dry run names an abandoned upload and an
// orphaned clip without touching them; a run expires the one and deletes the other, and nothing a row
// points to.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as janitorGet, POST as janitorPost } from "@/app/api/admin/janitor/route";
import { makeUser, makeVideo } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeQueues, queueFor } from "../queue";
import { createMultipart, headObject, keys, OPAQUE_TYPE, putObject } from "@/lib/platform/storage";
import { janitorReport, runJanitor } from "./index";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let admin: { id: string; cookie: string };
let editor: { id: string; cookie: string };
beforeAll(async () => {
  const [a, e] = [await makeUser("admin"), await makeUser("editor")];
  admin = { id: a.id, cookie: await cookieFor(a.id) };
  editor = { id: e.id, cookie: await cookieFor(e.id) };
});
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

async function seed() {
  const v = await makeVideo(editor.id, new Uint8Array(100).fill(1), "Final.mp4");
  const a = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "m",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const kept = keys.clipCut(v.id, randomUUID(), 1, "k");
  const removedHighlight = keys.clipCut(v.id, randomUUID(), 1, "r");
  for (const k of [kept, removedHighlight]) await putObject(k, new Uint8Array(10), "video/mp4");
  await db().highlight.create({
    data: {
      videoId: v.id,
      analysisId: a.id,
      label: "penalty",
      startS: 1,
      endS: 2,
      peak: 1,
      mean: 1,
      clipKey: kept,
    },
  });
  const id = randomUUID();
  const key = keys.uploadStaging(id, "mp4");
  const upload = await db().upload.create({
    data: {
      id,
      userId: editor.id,
      fingerprint: `f-${id}`,
      fileName: "abandoned.mp4",
      size: BigInt(100),
      partSize: 100,
      key,
      s3UploadId: await createMultipart(key, OPAQUE_TYPE),
    },
  });
  // Last touched four days ago (UPLOAD_EXPIRE_H is 72 by default).
  await db().$executeRaw`UPDATE "Upload" SET "updatedAt" = now() - interval '4 days' WHERE id = ${id}::uuid`;
  return { video: v, kept, removedHighlight, upload };
}

describe("janitor", () => {
  it("reports (admins only) and then removes abandoned uploads and orphaned objects", async () => {
    const s = await seed();
    const later = new Date(Date.now() + 2 * 3600_000); // past the hour fresh objects are left alone

    expect(
      (await call(janitorGet, { method: "GET", path: "/api/admin/janitor", cookie: editor.cookie })).status,
    ).toBe(403);
    const res = await call(janitorGet, { method: "GET", path: "/api/admin/janitor", cookie: admin.cookie });
    expect(res.status).toBe(200);
    const overview = (await res.json()) as {
      report: { expiredUploads: { id: string }[]; orphans: { key: string }[] };
    };
    expect(overview.report.expiredUploads.map((u) => u.id)).toContain(s.upload.id);
    // Just written: not an orphan yet, whatever points to it.
    expect(overview.report.orphans.map((o) => o.key)).not.toContain(s.removedHighlight);

    const dry = await janitorReport(later, Infinity);
    const orphanKeys = dry.orphans.map((o) => o.key);
    expect(orphanKeys).toContain(s.removedHighlight);
    expect(orphanKeys).not.toContain(s.kept);
    expect(orphanKeys).not.toContain(s.video.sourceKey);
    // A dry run changes nothing.
    expect(await headObject(s.removedHighlight)).not.toBeNull();
    expect((await db().upload.findUniqueOrThrow({ where: { id: s.upload.id } })).status).toBe("active");

    const result = await runJanitor(later);
    expect(result.expiredUploads).toBeGreaterThanOrEqual(1);
    expect((await db().upload.findUniqueOrThrow({ where: { id: s.upload.id } })).status).toBe("aborted");
    expect(await headObject(s.removedHighlight)).toBeNull();
    expect(await headObject(s.kept)).not.toBeNull();
    expect(await headObject(s.video.sourceKey)).not.toBeNull();
    expect((await janitorReport(later, Infinity)).orphans.filter((o) => o.key.includes(s.video.id))).toEqual(
      [],
    );
  });

  it("POST runs it now: a janitor job of its own is queued", async () => {
    const res = await call(janitorPost, {
      method: "POST",
      path: "/api/admin/janitor",
      cookie: admin.cookie,
      json: {},
    });
    expect(res.status).toBe(200);
    const jobs = await queueFor("janitor").getJobs(["waiting", "delayed", "active", "completed"]);
    expect(jobs.some((j) => j && /^janitor_\d+_/.test(String(j.id)))).toBe(true);
  });
});
