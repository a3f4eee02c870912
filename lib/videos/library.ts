// The library page: search, filters, sort and pagination in PostgreSQL, so a page costs the same with
// 30 videos or 5,000 (measured by lib/videos/library.int.test.ts, which seeds 5,000).
import { db } from "@/lib/platform/db";
import { Prisma } from "../generated/prisma/client";
import type { TLibraryPage, TLibraryQuery, TLibraryVideoDto } from "../schemas/library";
import { presignGet } from "@/lib/platform/storage";
import { POSTER_TTL_S, toVideoDto, withOwner } from "./service";

// Presigned like the posters: re-signed on every poll, an hour keeps the browser cache useful.

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Highlights per video over the current analysis only (a re-run's rows wait until it takes over).
const COUNTS = Prisma.sql`
  c AS (
    SELECT h."videoId",
      count(*) FILTER (WHERE h.status IN ('accepted', 'edited'))::int AS accepted,
      count(*) FILTER (WHERE h.status = 'suggested')::int AS suggested
    FROM "Highlight" h JOIN "Analysis" a ON a.id = h."analysisId" AND a.current
    GROUP BY h."videoId"
  )`;

// Every matching video with its counts, joined in one pass. MATERIALIZED keeps the page's LIMIT out of
// this join: with it the planner walked the createdAt index and re-scanned the counts per video (a
// nested loop, 5,000 × 500 rows: 750 ms); without it, a hash join (~10 ms at 5,000 videos).
const matching = (q: TLibraryQuery) => Prisma.sql`
  WITH ${COUNTS}, m AS MATERIALIZED (
    SELECT v.id, v.title, v."createdAt", coalesce(c.accepted, 0) AS accepted,
      coalesce(c.suggested, 0) AS suggested
    FROM "Video" v LEFT JOIN c ON c."videoId" = v.id
    ${where(q)}
  )`;

function where(q: TLibraryQuery): Prisma.Sql {
  // Trashed videos (lib/trash) are only listed on the Trash page.
  const parts: Prisma.Sql[] = [Prisma.sql`v."deletedAt" IS NULL`];
  if (q.q) parts.push(Prisma.sql`v.title ILIKE ${`%${escapeLike(q.q)}%`}`);
  if (q.status) parts.push(Prisma.sql`v.status = ${q.status}::"VideoStatus"`);
  if (q.highlights === "with") parts.push(Prisma.sql`coalesce(c.accepted + c.suggested, 0) > 0`);
  if (q.highlights === "without") parts.push(Prisma.sql`coalesce(c.accepted + c.suggested, 0) = 0`);
  return Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
}

// Ties broken by id, so a page boundary never shows a video twice or skips one.
const ORDER: Record<TLibraryQuery["sort"], Prisma.Sql> = {
  date: Prisma.sql`m."createdAt" DESC, m.id`,
  name: Prisma.sql`lower(m.title), m.id`,
  highlights: Prisma.sql`m.accepted + m.suggested DESC, m."createdAt" DESC, m.id`,
};

/** One page's ids, counts and the total matching: the query whose cost grows with the library. */
export function pageQuery(q: TLibraryQuery): Prisma.Sql {
  return Prisma.sql`
    ${matching(q)}
    SELECT m.id, m.accepted, m.suggested, count(*) OVER ()::int AS total
    FROM m
    ORDER BY ${ORDER[q.sort]}
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
}

interface PageRow {
  id: string;
  accepted: number;
  suggested: number;
  total: number;
}

interface BestRow {
  videoId: string;
  id: string;
  label: string;
  startS: number;
  peak: number;
  posterKey: string | null;
}

export async function listLibrary(q: TLibraryQuery): Promise<TLibraryPage> {
  const rows = await db().$queryRaw<PageRow[]>(pageQuery(q));
  const ids = rows.map((r) => r.id);
  const total = rows[0]?.total ?? (q.page > 1 ? await countMatching(q) : 0);
  if (ids.length === 0) return { videos: [], total, page: q.page, pageSize: q.pageSize };

  const [videos, best] = await Promise.all([
    db().video.findMany({ where: { id: { in: ids } }, include: withOwner }),
    db().$queryRaw<BestRow[]>`
      SELECT DISTINCT ON (h."videoId") h."videoId", h.id, h.label, h."startS", h.peak, h."posterKey"
      FROM "Highlight" h JOIN "Analysis" a ON a.id = h."analysisId" AND a.current
      WHERE h."videoId" IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})
        AND h.status <> 'rejected'
      ORDER BY h."videoId", h.peak DESC, h."startS"`,
  ]);
  const byId = new Map(videos.map((v) => [v.id, v]));
  const bestOf = new Map(best.map((b) => [b.videoId, b]));
  const out = await Promise.all(
    rows.map(async (r): Promise<TLibraryVideoDto | null> => {
      const v = byId.get(r.id);
      if (!v) return null; // deleted between the two queries
      const b = bestOf.get(r.id);
      return {
        ...(await toVideoDto(v)),
        highlights: { accepted: r.accepted, suggested: r.suggested },
        best: b
          ? {
              id: b.id,
              label: b.label,
              startS: b.startS,
              confidence: b.peak,
              posterUrl: b.posterKey ? await presignGet(b.posterKey, { expiresIn: POSTER_TTL_S }) : null,
            }
          : null,
      };
    }),
  );
  return { videos: out.filter((v) => v !== null), total, page: q.page, pageSize: q.pageSize };
}

/** Past the last page the window count has no row to ride on: count on its own. */
async function countMatching(q: TLibraryQuery): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`
    ${matching(q)}
    SELECT count(*)::int AS n FROM m`;
  return row?.n ?? 0;
}
