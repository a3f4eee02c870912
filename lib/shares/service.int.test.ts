// Share links (issue #24) against the real database and S3: what a link serves, signed out, and
// everything that must make it a 404; and highlight names and notes through the PATCH route.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/share-links/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/share-links/route";
import { GET as sharedMediaRoute } from "@/app/api/share/[token]/media/route";
import { PATCH as patchRoute } from "@/app/api/highlights/[id]/route";
import { makeHighlights, makeUser, makeVideo } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeQueues } from "../queue";
import { putObject } from "@/lib/platform/storage";
import type { TShareCreated, TShareLinkDto } from "../schemas/shares";
import { hashShareToken } from "./token";
import { clipLifecycle, reelLifecycle } from "@/lib/clips/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let editor: string;
let admin: string;
let viewer: string;
let videoId: string;
let clip: { id: string; key: string };
let other: { id: string };
const REEL = new TextEncoder().encode("reel-bytes-0123456789");
const CLIP = new TextEncoder().encode("clip-bytes-abcdefghij");

beforeAll(async () => {
  const owner = await makeUser("editor");
  editor = await cookieFor(owner.id);
  admin = await cookieFor((await makeUser("admin")).id);
  viewer = await cookieFor((await makeUser("viewer")).id);
  const v = await makeVideo(owner.id, new Uint8Array(10), "derby.mp4");
  videoId = v.id;
  const reelKey = `videos/${v.id}/reel.mp4`;
  await putObject(reelKey, REEL, "video/mp4");
  await db().video.update({
    where: { id: v.id },
    data: { reelKey, ...reelLifecycle.seed("ready"), fps: 25, durationS: 60 },
  });
  const a = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "m",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
    },
  });
  const [h, uncut] = await makeHighlights(v.id, a.id, [
    ["penalty", 10, 20, "accepted"],
    ["penalty", 30, 40, "suggested"],
  ]);
  const key = `videos/${v.id}/clips/${h!.id}.mp4`;
  await putObject(key, CLIP, "video/mp4");
  await db().highlight.update({
    where: { id: h!.id },
    data: { clipKey: key, clipRevision: 0, ...clipLifecycle.seed("ready") },
  });
  clip = { id: h!.id, key };
  other = uncut!;
});
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

const create = (json: unknown, cookie = editor) =>
  call(createRoute, { method: "POST", path: "/api/share-links", cookie, json });
const open = (token: string, headers: Record<string, string> = {}) =>
  call(sharedMediaRoute, { method: "GET", path: `/api/share/${token}/media`, params: { token }, headers });
const tokenOf = (c: TShareCreated) => c.path.split("/").pop()!;

describe("share links", () => {
  it("serve the one object they name, signed out, with Range; the database holds only the hash", async () => {
    const res = await create({ kind: "clip", highlightId: clip.id, days: 1 });
    expect(res.status, await res.clone().text()).toBe(200);
    const made = (await res.json()) as TShareCreated;
    const token = tokenOf(made);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.url).toMatch(new RegExp(`/s/${token}$`));
    expect(made.what).toBe("Penalty at 0:10");
    const row = await db().shareLink.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.tokenHash).toBe(hashShareToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(86_400_000 - 60_000);

    const whole = await open(token);
    expect(whole.status).toBe(200);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(CLIP);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("cache-control")).toContain("no-store");
    const part = await open(token, { range: "bytes=0-3" });
    expect(part.status).toBe(206);
    expect(new TextDecoder().decode(await part.arrayBuffer())).toBe("clip");

    const reel = (await (await create({ kind: "reel", videoId })).json()) as TShareCreated;
    expect(new Uint8Array(await (await open(tokenOf(reel))).arrayBuffer())).toEqual(REEL);
  });

  it("answer 404 when unknown, malformed, expired, revoked or their video is in the trash", async () => {
    expect((await open("x".repeat(43))).status).toBe(404);
    expect((await open("../../videos")).status).toBe(404);

    const expired = (await (await create({ kind: "reel", videoId })).json()) as TShareCreated;
    await db().shareLink.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await open(tokenOf(expired))).status).toBe(404);

    const revoked = (await (await create({ kind: "reel", videoId })).json()) as TShareCreated;
    expect((await open(tokenOf(revoked))).status).toBe(200);
    const del = (id: string, cookie: string) =>
      call(revokeRoute, { method: "DELETE", path: `/api/share-links/${id}`, params: { id }, cookie });
    expect((await del(revoked.id, editor)).status).toBe(403);
    expect((await del(revoked.id, admin)).status).toBe(200);
    expect((await open(tokenOf(revoked))).status).toBe(404);
    expect((await del(revoked.id, admin)).status).toBe(404);

    const list = (await (
      await call(listRoute, { method: "GET", path: "/api/share-links", cookie: admin })
    ).json()) as {
      links: TShareLinkDto[];
    };
    const ids = list.links.map((l) => l.id);
    expect(ids).not.toContain(expired.id);
    expect(ids).not.toContain(revoked.id);

    const live = (await (await create({ kind: "clip", highlightId: clip.id })).json()) as TShareCreated;
    await db().video.update({ where: { id: videoId }, data: { deletedAt: new Date() } });
    try {
      expect((await open(tokenOf(live))).status).toBe(404);
    } finally {
      await db().video.update({ where: { id: videoId }, data: { deletedAt: null } });
    }
    expect((await open(tokenOf(live))).status).toBe(200);
  });

  it("are made by editors, of things that exist and are cut, for 1 to 30 days, and listed for admins only", async () => {
    expect((await create({ kind: "reel", videoId }, viewer)).status).toBe(403);
    const uncut = await create({ kind: "clip", highlightId: other.id });
    expect(uncut.status).toBe(409);
    expect(((await uncut.json()) as { error: string }).error).toMatch(/not cut yet/);
    expect((await create({ kind: "clip", highlightId: randomUUID() })).status).toBe(404);
    const long = await create({ kind: "reel", videoId, days: 365 });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("at most 30 days");
    expect((await create({ kind: "reel", videoId, key: "videos/x/source.mp4" })).status).toBe(422);
    expect((await call(listRoute, { method: "GET", path: "/api/share-links", cookie: editor })).status).toBe(
      403,
    );
  });
});

describe("highlight names and notes", () => {
  const patch = (json: unknown) =>
    call(patchRoute, {
      method: "PATCH",
      path: `/api/highlights/${clip.id}`,
      params: { id: clip.id },
      cookie: editor,
      json,
    });

  it("are stored without a re-cut or a status change; blank clears them; too long is a 422", async () => {
    const before = await db().highlight.findUniqueOrThrow({ where: { id: clip.id } });
    const res = await patch({ name: "  Top corner  ", note: "Keeper went early" });
    expect(res.status, await res.clone().text()).toBe(200);
    const dto = (await res.json()) as { name: string; note: string; status: string };
    expect([dto.name, dto.note, dto.status]).toEqual(["Top corner", "Keeper went early", "accepted"]);
    const after = await db().highlight.findUniqueOrThrow({ where: { id: clip.id } });
    expect([after.revision, after.clipStatus]).toEqual([before.revision, before.clipStatus]);

    expect((await patch({ name: "x".repeat(81) })).status).toBe(422);
    expect((await patch({ name: " ", note: null })).status).toBe(200);
    const cleared = await db().highlight.findUniqueOrThrow({ where: { id: clip.id } });
    expect([cleared.name, cleared.note]).toEqual([null, null]);
  });
});
