// Media and upload parts through the app's origin (the embedded S3 default): session check, Range,
// streaming both ways, server-decided types.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as media } from "@/app/api/media/[...key]/route";
import { PUT as putPart } from "@/app/api/uploads/[id]/part/route";
import { makeUser, makeVideo } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import type { SessionUser } from "@/lib/auth/session";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { closeQueues } from "@/lib/queue";
import { restoreVideo, trashVideo } from "@/lib/trash/service";
import { completeUpload, presignParts, startUpload } from "@/lib/uploads/service";
import { mediaThroughApp } from "./browser-access";
import { keys, presignGet, putObject, uploadStream } from "./index";

let cookie: string;
let user: SessionUser;
// Media under videos/<id>/ is served only while that video exists and is not in the trash.
let videoId: string;
beforeAll(async () => {
  const u = await makeUser("editor");
  user = { id: u.id, email: u.email, name: u.name, role: u.role };
  cookie = await cookieFor(u.id);
  videoId = (await makeVideo(u.id, new Uint8Array(10), "match.mp4")).id;
});
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

const get = (key: string, headers: Record<string, string> = {}, withCookie = true) =>
  call(media, {
    method: "GET",
    path: `/api/media/${key}`,
    params: { key: key.split("/") } as unknown as Record<string, string>,
    cookie: withCookie ? cookie : undefined,
    headers,
  });

describe("media through the app", () => {
  it("is what browsers get with the embedded S3 (no S3_PUBLIC_ENDPOINT, S3 on loopback)", async () => {
    expect(mediaThroughApp()).toBe(true);
    const key = keys.poster(randomUUID());
    expect(await presignGet(key)).toBe(`/api/media/${key}`);
    expect(await presignGet(key, { downloadName: "a b.jpg" })).toBe(`/api/media/${key}?download=a%20b.jpg`);
    expect(await presignGet(key, { internal: true })).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it("needs a session, serves Range requests and the server-decided type", async () => {
    const key = keys.clip(videoId, randomUUID());
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    await putObject(key, bytes, "text/html");
    expect((await get(key, {}, false)).status).toBe(401);
    const full = await get(key);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("video/mp4");
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(bytes);
    const part = await get(key, { range: "bytes=1000-1999" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1000-1999/${bytes.byteLength}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(1000, 2000));
  });

  it("serves an object of unknown type as an opaque download and nothing outside the media prefixes", async () => {
    const key = `uploads/${randomUUID()}/source.html`;
    await putObject(key, "<script>alert(1)</script>", "text/html");
    const res = await get(key);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe("attachment");
    expect((await get("other/thing.mp4")).status).toBe(404);
    expect((await get(`videos/../uploads/${randomUUID()}/x`)).status).toBe(404);
    expect((await get(`videos/${videoId}/missing.mp4`)).status).toBe(404);
    expect((await get(keys.clip(randomUUID(), randomUUID()))).status).toBe(404);
  });

  it("streams a large object without holding it in memory", async () => {
    const key = keys.clip(videoId, randomUUID());
    const size = 96 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    await uploadStream(
      key,
      Readable.from(
        (function* () {
          for (let i = 0; i < 96; i++) yield chunk;
        })(),
      ),
      "video/mp4",
    );
    const before = process.memoryUsage().arrayBuffers;
    const res = await get(key);
    expect(res.headers.get("content-length")).toBe(String(size));
    // The first bytes arrive while the rest is still in S3: a route that buffered the object would hold
    // all 96 MB at this point.
    const reader = res.body!.getReader();
    let received = 0;
    while (received < 4 * 1024 * 1024) received += (await reader.read()).value!.byteLength;
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(size / 3);
    await reader.cancel();
    // …and the whole object streams through intact.
    let total = 0;
    for await (const c of (await get(key)).body as unknown as AsyncIterable<Uint8Array>)
      total += c.byteLength;
    expect(total).toBe(size);
  });

  it("takes upload parts through the app and completes the upload", async () => {
    const bytes = Buffer.alloc(env().UPLOAD_PART_BYTES + 123, 3);
    const session = await startUpload(user, {
      fileName: "m.mp4",
      size: bytes.byteLength,
      lastModified: Date.now(),
      contentType: "video/mp4",
    });
    const { urls } = await presignParts(user, session.id, [1, 2]);
    expect(urls.map((u) => u.url)).toEqual([
      `/api/uploads/${session.id}/part?partNumber=1`,
      `/api/uploads/${session.id}/part?partNumber=2`,
    ]);
    const parts = [];
    for (const n of [1, 2]) {
      const slice = bytes.subarray((n - 1) * session.partSize, n * session.partSize);
      const res = await call(putPart, {
        method: "PUT",
        path: `/api/uploads/${session.id}/part?partNumber=${n}`,
        params: { id: session.id },
        cookie,
        headers: { "content-length": String(slice.byteLength), "sec-fetch-site": "same-origin" },
        body: new Uint8Array(slice),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      parts.push({ partNumber: n, etag: res.headers.get("etag")! });
    }
    const { videoId } = await completeUpload(user, session.id, { parts });
    const video = await db().video.findUniqueOrThrow({ where: { id: videoId } });
    expect(Number(video.size)).toBe(bytes.byteLength);

    // Issue #23: the source stays at its upload key (uploads/<id>/source.mp4), outside videos/<id>/;
    // in the trash it must not be downloadable there either, nor by any other key of that upload.
    expect(video.sourceKey).toBe(`uploads/${session.id}/source.mp4`);
    expect((await get(video.sourceKey, { range: "bytes=0-9" })).status).toBe(206);
    const sibling = `uploads/${session.id}/source.mov`;
    await putObject(sibling, "x", "video/quicktime");
    await putObject(keys.poster(videoId), "jpeg", "image/jpeg");
    expect((await get(sibling)).status).toBe(200);
    expect((await get(keys.poster(videoId))).status).toBe(200);
    await trashVideo(user, videoId);
    for (const key of [video.sourceKey, sibling, keys.poster(videoId)]) {
      const res = await get(key, { range: "bytes=0-9" });
      expect({ key, status: res.status }).toEqual({ key, status: 404 });
    }
    await restoreVideo(user, videoId);
    expect((await get(video.sourceKey, { range: "bytes=0-9" })).status).toBe(206);
  });

  it("refuses a cross-site part upload and a part of the wrong size", async () => {
    const session = await startUpload(user, {
      fileName: "n.mp4",
      size: 1000,
      lastModified: Date.now(),
      contentType: "",
    });
    const put = (headers: Record<string, string>, body: Buffer) =>
      call(putPart, {
        method: "PUT",
        path: `/api/uploads/${session.id}/part?partNumber=1`,
        params: { id: session.id },
        cookie,
        headers: { "content-length": String(body.byteLength), ...headers },
        body: new Uint8Array(body),
      });
    expect((await put({ origin: "http://evil.example" }, Buffer.alloc(1000))).status).toBe(403);
    expect((await put({ "content-type": "text/plain" }, Buffer.alloc(1000))).status).toBe(415);
    expect((await put({}, Buffer.alloc(999))).status).toBe(400);
  });
});
