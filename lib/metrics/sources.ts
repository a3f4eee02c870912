import { db, Db } from "@/lib/platform/db";
import { realtimeFactor } from "./stats";

// What the database says, read at scrape time (so any number of web processes agree).

const RECENT_ANALYSES = 20;
const LIVE_WINDOW_MS = 15 * 60_000;

/** Realtime factors of the most recent completed analyses (wall time includes their queue wait). */
export async function recentRealtimeFactors(): Promise<number[]> {
  const rows = await db().analysis.findMany({
    where: { status: "complete", completedAt: { not: null } },
    orderBy: { completedAt: "desc" },
    take: RECENT_ANALYSES,
    select: { createdAt: true, completedAt: true, video: { select: { durationS: true } } },
  });
  return rows.flatMap((r) => {
    const f = realtimeFactor(r.video.durationS, r.createdAt, r.completedAt);
    return f === null ? [] : [f];
  });
}

// Every status gets a series, 0 included: a Prometheus rate or alert on a series that does not exist yet
// sees nothing rather than a rise from 0.
function withZeros(
  statuses: string[],
  rows: { status: string; _count: { _all: number } }[],
): { status: string; count: number }[] {
  return statuses.map((status) => ({
    status,
    count: rows.find((r) => r.status === status)?._count._all ?? 0,
  }));
}

export async function analysesByStatus(): Promise<{ status: string; count: number }[]> {
  const rows = await db().analysis.groupBy({ by: ["status"], _count: { _all: true } });
  return withZeros(Object.values(Db.AnalysisStatus), rows);
}

export async function videosByStatus(): Promise<{ status: string; count: number }[]> {
  const rows = await db().video.groupBy({ by: ["status"], _count: { _all: true } });
  return withZeros(Object.values(Db.VideoStatus), rows);
}

/** Seconds from a live segment being seen in its playlist to its scores being stored, last 15 minutes. */
export async function recentLiveLatencies(now = new Date()): Promise<number[]> {
  const rows = await db().liveSegment.findMany({
    where: { storedAt: { gte: new Date(now.getTime() - LIVE_WINDOW_MS) }, status: "recorded" },
    select: { seenAt: true, storedAt: true },
  });
  return rows.map((r) => Math.max(0, r.storedAt.getTime() - r.seenAt.getTime()) / 1000);
}
