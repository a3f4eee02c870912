// What bench:load checks at the end, in the database, the bucket and BullMQ — not in what the API said:
// lost: a write the app acknowledged (2xx) that is not there; stuck: work still queued or running.
import { db } from "@/lib/platform/db";
import { queueCounts } from "@/lib/queue";
import { headObject } from "@/lib/platform/storage";
import type { Editor, EditSent } from "./editors";
import type { UploadResult } from "./uploads";

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** The values the highlight may hold: the last acknowledged edit's, or one sent after it unanswered. */
function allowed(edits: EditSent[], field: "status" | "bounds", initial: unknown[]): unknown[][] {
  const mine = edits.filter((e) => (field === "status" ? e.body.status : e.body.startS) !== undefined);
  const lastAck = mine.findLastIndex((e) => e.acked);
  const base = lastAck < 0 ? [initial] : [];
  const pick = (e: EditSent) => (field === "status" ? [e.body.status] : [e.body.startS, e.body.endS]);
  return [...base, ...mine.slice(Math.max(0, lastAck)).map(pick)];
}

export async function lostWrites(
  editors: Editor[],
  uploads: UploadResult[],
  initial: Map<string, { startS: number; endS: number; status: string }>,
): Promise<string[]> {
  const lost: string[] = [];
  for (const e of editors) {
    const h = await db().highlight.findUnique({ where: { id: e.own.highlightId } });
    if (!h) {
      lost.push(`highlight ${e.own.highlightId} (editor ${e.index}) is gone`);
      continue;
    }
    const init = initial.get(h.id)!;
    const bounds = allowed(e.edits, "bounds", [init.startS, init.endS]);
    if (!bounds.some(([s, en]) => near(s as number, h.startS) && near(en as number, h.endS)))
      lost.push(
        `highlight ${h.id} (editor ${e.index}): ${h.startS}–${h.endS} s, acknowledged ${JSON.stringify(bounds[0])}`,
      );
    const statuses = allowed(e.edits, "status", [init.status]).map(([s]) => s);
    if (!statuses.includes(h.status))
      lost.push(`highlight ${h.id} (editor ${e.index}): status ${h.status}, acknowledged ${statuses[0]}`);
  }
  // A reel acknowledged must end built after it was asked for, and its file must be in the bucket.
  const lastReel = new Map<string, number>();
  for (const e of editors)
    for (const r of e.reels)
      if (r.acked) lastReel.set(r.videoId, Math.max(lastReel.get(r.videoId) ?? 0, r.sentAt));
  for (const [videoId, sentAt] of lastReel) {
    const v = await db().video.findUnique({ where: { id: videoId } });
    const built = v?.reelBuiltAt?.getTime() ?? 0;
    if (!v || v.reelStatus !== "ready" || !v.reelKey || built < sentAt - 1000)
      lost.push(
        `reel of ${videoId}: ${v?.reelStatus ?? "no video"}, built ${v?.reelBuiltAt?.toISOString() ?? "never"}` +
          ` for a request at ${new Date(sentAt).toISOString()}${v?.reelError ? ` (${v.reelError})` : ""}`,
      );
    else if (!(await headObject(v.reelKey)))
      lost.push(`reel of ${videoId}: ${v.reelKey} is not in the bucket`);
  }
  for (const u of uploads) {
    if (!u.videoId) continue; // never acknowledged: counted as not ready, not as lost
    const v = await db().video.findUnique({ where: { id: u.videoId } });
    if (!v || v.deletedAt) lost.push(`upload ${u.file}: video ${u.videoId} is gone`);
    else if (!(await headObject(v.sourceKey)))
      lost.push(`upload ${u.file}: ${v.sourceKey} is not in the bucket`);
  }
  return lost;
}

/** Work not finished: per kind of thing, how many (empty when everything has settled). */
export async function pendingWork(): Promise<Record<string, number>> {
  const live = { deletedAt: null };
  const [videos, analyses, clips, reels, outbox] = await Promise.all([
    db().video.count({ where: { ...live, status: { in: ["queued", "processing"] } } }),
    db().analysis.count({ where: { status: { in: ["queued", "running"] }, video: live } }),
    db().highlight.count({ where: { clipStatus: "cutting", video: live } }),
    db().video.count({ where: { ...live, reelStatus: "cutting" } }),
    db().outboxJob.count(),
  ]);
  const out: Record<string, number> = {
    "videos queued/processing": videos,
    "analyses queued/running": analyses,
    "clips cutting": clips,
    "reels cutting": reels,
    "outbox rows": outbox,
  };
  for (const { queue, counts } of await queueCounts()) {
    // The janitor queues its own next run with a delay: that one is its schedule, not pending work.
    const delayed = queue === "janitor" ? 0 : counts.delayed;
    const n = counts.waiting + counts.prioritized + counts["waiting-children"] + counts.active + delayed;
    if (n) out[`${queue} jobs queued/running`] = n;
  }
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
  return out;
}

/** Jobs that failed for good (any kind), for the report: a failure is work that did not get done. */
export async function failedJobs(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { queue, counts } of await queueCounts()) if (counts.failed) out[queue] = counts.failed;
  return out;
}
