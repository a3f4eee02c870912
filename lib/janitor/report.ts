// What the janitor would remove (issue #16): abandoned uploads, and objects no row points to. The
// admin route shows this report as a dry run; lib/janitor/run.ts acts on it.
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { listObjects, type ListedObject } from "@/lib/platform/storage";

/**
 * Objects younger than this are never called orphans: a job may have written one and not yet stored
 * its key (a clip is uploaded, then its row is updated), and the janitor must not race it.
 */
export const ORPHAN_GRACE_MS = 60 * 60_000;
const LISTED_MAX = 200;

export interface Orphan {
  key: string;
  size: number;
  reason: string;
}

export interface JanitorReport {
  generatedAt: string;
  expiredUploads: { id: string; fileName: string; key: string; s3UploadId: string; lastActivity: string }[];
  orphans: Orphan[];
  orphanCount: number;
  orphanBytes: number;
  objectsChecked: number;
}

/** `limit`: how many orphans the report lists (the admin page); the run takes them all. */
export async function janitorReport(now = new Date(), limit = LISTED_MAX): Promise<JanitorReport> {
  const expireBefore = new Date(now.getTime() - env().UPLOAD_EXPIRE_H * 3600_000);
  const [uploads, objects, refs] = await Promise.all([
    db().upload.findMany({
      where: { status: "active", updatedAt: { lt: expireBefore } },
      select: { id: true, fileName: true, key: true, s3UploadId: true, updatedAt: true },
      orderBy: { updatedAt: "asc" },
    }),
    Promise.all([listObjects("videos/"), listObjects("uploads/")]).then(([a, b]) => [...a, ...b]),
    references(),
  ]);
  const old = objects.filter((o) => o.lastModified.getTime() < now.getTime() - ORPHAN_GRACE_MS);
  const orphans = old.flatMap((o) => {
    const reason = orphanReason(o, refs);
    return reason ? [{ key: o.key, size: o.size, reason }] : [];
  });
  return {
    generatedAt: now.toISOString(),
    expiredUploads: uploads.map((u) => ({
      id: u.id,
      fileName: u.fileName,
      key: u.key,
      s3UploadId: u.s3UploadId,
      lastActivity: u.updatedAt.toISOString(),
    })),
    orphans: orphans.slice(0, limit),
    orphanCount: orphans.length,
    orphanBytes: orphans.reduce((sum, o) => sum + o.size, 0),
    objectsChecked: objects.length,
  };
}

interface Refs {
  videos: Set<string>;
  /** keys some row points at: sources, active uploads, clips and their posters, reels */
  keys: Set<string>;
  /** analyses whose objects are still wanted (running or complete) */
  liveAnalyses: Set<string>;
}

async function references(): Promise<Refs> {
  const [videos, uploads, highlights, analyses] = await Promise.all([
    db().video.findMany({ select: { id: true, sourceKey: true, reelKey: true } }),
    db().upload.findMany({ where: { status: "active" }, select: { key: true } }),
    db().highlight.findMany({
      where: { OR: [{ clipKey: { not: null } }, { posterKey: { not: null } }] },
      select: { clipKey: true, posterKey: true },
    }),
    db().analysis.findMany({ where: { status: { not: "failed" } }, select: { id: true } }),
  ]);
  const keys = new Set<string>();
  for (const v of videos) [v.sourceKey, v.reelKey].forEach((k) => k && keys.add(k));
  for (const u of uploads) keys.add(u.key);
  for (const h of highlights) [h.clipKey, h.posterKey].forEach((k) => k && keys.add(k));
  return {
    videos: new Set(videos.map((v) => v.id)),
    keys,
    liveAnalyses: new Set(analyses.map((a) => a.id)),
  };
}

/** Why an object is garbage, or null if a row still needs it. Follows lib/platform/storage/keys.ts. */
export function orphanReason(o: Pick<ListedObject, "key">, refs: Refs): string | null {
  const parts = o.key.split("/");
  if (parts[0] === "uploads") {
    return refs.keys.has(o.key) ? null : "upload that no video or active upload uses";
  }
  if (parts[0] !== "videos" || !parts[1]) return null;
  if (!refs.videos.has(parts[1])) return "object of a video that no longer exists";
  if (refs.keys.has(o.key)) return null;
  switch (parts[2]) {
    case "analyses":
      return parts[3] && !refs.liveAnalyses.has(parts[3]) ? "output of a failed or removed analysis" : null;
    case "clips":
      return "clip or poster of a removed highlight or an older cut";
    case "reel":
      return "reel that was replaced";
    default:
      // poster, proxy, filmstrip, source: one per video, owned by its row
      return null;
  }
}
