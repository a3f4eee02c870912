import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "@/lib/platform/env";
import { migrate } from "./runner";
import { clipLifecycle, reelLifecycle } from "@/lib/clips/lifecycle";

// A throwaway database next to the test database: migrations must build it from nothing.
const name = `matchcut_migrate_${process.pid}`;
const adminUrl = env().DATABASE_URL;
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(() => admin(`CREATE DATABASE "${name}"`));
afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

describe("SQL migration runner", () => {
  it("applies every migration once, then skips them", async () => {
    const first = await migrate(url, "prisma/migrations");
    expect(first.applied.length).toBeGreaterThan(0);
    const again = await migrate(url, "prisma/migrations");
    expect(again.applied).toEqual([]);
    expect(again.skipped).toEqual(first.applied);
  });

  it("produces the schema the Prisma client expects (every model round-trips)", async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const user = await prisma.user.create({
        data: { email: "a@b.c", name: "A", passwordHash: "h", role: "editor" },
      });
      await prisma.session.create({ data: { id: "s", userId: user.id, expiresAt: new Date() } });
      const upload = await prisma.upload.create({
        data: {
          userId: user.id,
          fingerprint: "f",
          fileName: "f.mp4",
          size: 5n * 1024n ** 3n,
          partSize: 1,
          key: "k",
          s3UploadId: "u",
        },
      });
      await prisma.uploadPart.create({ data: { uploadId: upload.id, partNumber: 1, etag: "e", size: 1 } });
      const video = await prisma.video.create({
        data: {
          ownerId: user.id,
          title: "t",
          originalName: "o",
          sourceKey: "s",
          size: 1n,
          durationS: 1.5,
          hasAudio: true,
        },
      });
      const analysis = await prisma.analysis.create({
        data: { videoId: video.id, modelId: "m", modelVersion: "1", params: { enter: 0.5 } },
      });
      await prisma.highlight.create({
        data: {
          videoId: video.id,
          analysisId: analysis.id,
          label: "penalty",
          startS: 1,
          endS: 2,
          peak: 0.9,
          mean: 0.7,
        },
      });
      // 0002_clips: clip/reel/filmstrip columns, webhooks and their delivery log.
      const clipped = await prisma.highlight.findFirstOrThrow({ where: { videoId: video.id } });
      expect([clipped.revision, clipped.clipStatus, clipped.clipRevision]).toEqual([0, "none", null]);
      await prisma.highlight.update({
        where: { id: clipped.id },
        data: { revision: 1, ...clipLifecycle.seed("ready"), clipRevision: 1, clipKey: "k.mp4" },
      });
      await prisma.video.update({
        where: { id: video.id },
        data: {
          reelKey: "r.mp4",
          ...reelLifecycle.seed("ready"),
          reelProgress: 1,
          reelBuiltAt: new Date(),
          filmstripSpriteKey: "s.jpg",
          filmstripVttKey: "t.vtt",
        },
      });
      const hook = await prisma.webhook.create({ data: { url: "https://example.com/h", secret: "s" } });
      await prisma.webhookDelivery.create({
        data: { webhookId: hook.id, eventId: "e1", event: "analysis.completed", body: "{}" },
      });
      // One delivery per webhook and event: a retried notify job cannot deliver twice.
      await expect(
        prisma.webhookDelivery.create({
          data: { webhookId: hook.id, eventId: "e1", event: "analysis.completed", body: "{}" },
        }),
      ).rejects.toThrow();
      expect((await prisma.webhookDelivery.findFirstOrThrow({ include: { webhook: true } })).status).toBe(
        "pending",
      );
      await prisma.webhook.delete({ where: { id: hook.id } });
      expect(await prisma.webhookDelivery.count()).toBe(0);
      const loaded = await prisma.video.findUniqueOrThrow({
        where: { id: video.id },
        include: { analyses: true, highlights: true, owner: true },
      });
      expect(loaded.highlights[0].label).toBe("penalty");
      expect(loaded.analyses[0].params).toEqual({ enter: 0.5 });
      expect((await prisma.upload.findUniqueOrThrow({ where: { id: upload.id } })).size).toBe(
        5n * 1024n ** 3n,
      );
      // Live mode (0003_live): a source with its state bytes, a segment keyed by (source, epoch, seq), a highlight.
      const liveSource = await prisma.liveSource.create({
        data: {
          ownerId: user.id,
          title: "l",
          url: "http://h/x.m3u8",
          lastSeq: 2n ** 40n,
          tail: new Uint8Array([1, 2, 3]),
          videoId: video.id,
        },
      });
      await prisma.liveSegment.create({
        data: {
          liveSourceId: liveSource.id,
          epoch: 0,
          seq: 2n ** 40n,
          status: "gap",
          uri: "u",
          startS: 0,
          durationS: 10,
          firstFrame: 0,
          frameCount: 40,
          scores: { windows: [] },
          seenAt: new Date(),
        },
      });
      await prisma.liveHighlight.create({
        data: { liveSourceId: liveSource.id, label: "penalty", startS: 1, endS: 2, peak: 0.9, mean: 0.8 },
      });
      const liveLoaded = await prisma.liveSource.findUniqueOrThrow({
        where: { id: liveSource.id },
        include: { segments: true, highlights: true, video: true },
      });
      expect([
        liveLoaded.lastSeq,
        [...liveLoaded.tail!],
        liveLoaded.segments[0]!.seq,
        liveLoaded.highlights[0]!.clipStatus,
        liveLoaded.video?.id,
      ]).toEqual([2n ** 40n, [1, 2, 3], 2n ** 40n, "pending", video.id]);
      // Trash and audit log (0005_security).
      const deletedAt = new Date();
      await prisma.video.update({ where: { id: video.id }, data: { deletedAt, deletedById: user.id } });
      await prisma.auditLog.create({
        data: { actorId: user.id, action: "video_delete", targetId: video.id, detail: { why: "x" } },
      });
      const trashed = await prisma.video.findUniqueOrThrow({ where: { id: video.id } });
      const entry = await prisma.auditLog.findFirstOrThrow({
        where: { targetId: video.id },
        include: { actor: true },
      });
      expect([
        trashed.deletedAt?.getTime(),
        trashed.deletedById,
        entry.action,
        entry.actor?.id,
        entry.detail,
      ]).toEqual([deletedAt.getTime(), user.id, "video_delete", user.id, { why: "x" }]);
      // Videos outlive nothing by accident: an owner with videos cannot be deleted (ON DELETE RESTRICT).
      await expect(prisma.user.delete({ where: { id: user.id } })).rejects.toThrow();
    } finally {
      await prisma.$disconnect();
    }
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await cp("prisma/migrations", dir, { recursive: true });
    const first = path.join(dir, "0001_init", "migration.sql");
    await writeFile(first, "-- edited\nSELECT 1;\n");
    await expect(migrate(url, dir)).rejects.toThrow(/was changed after it was applied/);
  });
});
