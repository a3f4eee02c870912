// Share links (issue #24): an expiring, revocable link to one reel or one clip that plays without an
// account. The token is shown once; the row keeps its hash. What a link serves is read from the row's
// video or highlight at each request, so a link can never be pointed at another object.
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { conflict, notFound } from "@/lib/platform/errors";
import { chapterStamp } from "../exports/chapters";
import { titleCase } from "../exports/model";
import type { Prisma } from "../generated/prisma/client";
import type { TShareCreated, TShareLinkDto } from "../schemas/shares";
import { ZShareToken, type ZShareCreate } from "../schemas/shares";
import { videoOr404 } from "../videos/find";
import { hashShareToken, newShareToken } from "./token";
import type { TAspect } from "../reframe/aspect";
import { aspectState, brandRevisionNow } from "../reframe/service";
import { isPlainCut, variantText, type TVariant } from "../reframe/variant";
import type { z } from "zod";

const DAY_MS = 86_400_000;

const include = {
  video: { select: { title: true } },
  highlight: { select: { label: true, name: true, startS: true } },
  createdBy: { select: { name: true } },
} satisfies Prisma.ShareLinkInclude;
type Row = Prisma.ShareLinkGetPayload<{ include: typeof include }>;

const clipName = (h: { label: string; name: string | null; startS: number }) =>
  h.name ?? `${titleCase(h.label)} at ${chapterStamp(h.startS)}`;

function dto(row: Row): TShareLinkDto {
  return {
    id: row.id,
    kind: row.kind,
    videoId: row.videoId,
    videoTitle: row.video.title,
    what: row.highlight ? clipName(row.highlight) : "Highlight reel",
    createdBy: row.createdBy?.name ?? null,
    aspect: row.aspect,
    branded: row.branded,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

export async function createShareLink(
  userId: string,
  body: z.output<typeof ZShareCreate>,
): Promise<TShareCreated> {
  let videoId: string;
  let highlightId: string | null = null;
  if (body.kind === "reel") {
    const v = await videoOr404(body.videoId);
    if (!v.reelKey) throw conflict("This video has no reel yet: build the reel first, then share it");
    videoId = v.id;
  } else {
    const h = await db().highlight.findFirst({ where: { id: body.highlightId, video: { deletedAt: null } } });
    if (!h) throw notFound("Highlight");
    if (!h.clipKey || h.clipRevision === null)
      throw conflict("This highlight's clip is not cut yet: share it once its Download button shows");
    videoId = h.videoId;
    highlightId = h.id;
    const v = { aspect: body.aspect, branded: body.brand };
    if (!isPlainCut(v)) await assertVariantReady(h, v);
  }
  const token = newShareToken();
  const row = await db().shareLink.create({
    data: {
      tokenHash: hashShareToken(token),
      kind: body.kind,
      videoId,
      highlightId,
      aspect: body.kind === "clip" ? body.aspect : "16:9",
      branded: body.kind === "clip" ? body.brand : false,
      createdById: userId,
      expiresAt: new Date(Date.now() + body.days * DAY_MS),
    },
    include,
  });
  const path = `/s/${token}`;
  return { ...dto(row), path, url: new URL(path, env().APP_URL).toString() };
}

async function assertVariantReady(
  h: { id: string; clipKey: string | null; clipRevision: number | null; cropRevision: number },
  v: TVariant,
): Promise<void> {
  const a = await db().aspectClip.findUnique({
    where: { highlightId_aspect_branded: { highlightId: h.id, aspect: v.aspect, branded: v.branded } },
  });
  if (aspectState(h, a ?? undefined, await brandRevisionNow()).state !== "ready")
    throw conflict(
      `This clip is not made in ${variantText(v)} yet: share it once its ${variantText(v)} download is ready`,
    );
}

/** Links that still open something: not revoked, not expired, their video not in the trash. */
export async function liveShareLinks(): Promise<TShareLinkDto[]> {
  const rows = await db().shareLink.findMany({
    where: { revokedAt: null, expiresAt: { gt: new Date() }, video: { deletedAt: null } },
    include,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(dto);
}

export async function revokeShareLink(id: string): Promise<void> {
  const { count } = await db().shareLink.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("Share link");
}

export interface SharedMedia {
  key: string;
  kind: "reel" | "clip";
  videoTitle: string;
  what: string;
}

/**
 * What a token opens, or null (unknown, malformed, revoked, expired, video trashed, nothing cut): the
 * page and the media route answer every one of these with the same 404.
 */
export async function sharedMedia(token: string): Promise<SharedMedia | null> {
  if (!ZShareToken.safeParse(token).success) return null;
  const row = await db().shareLink.findUnique({
    where: { tokenHash: hashShareToken(token) },
    include: {
      video: { select: { title: true, deletedAt: true, reelKey: true } },
      highlight: {
        select: {
          label: true,
          name: true,
          startS: true,
          clipKey: true,
          clipRevision: true,
          aspectClips: { select: { aspect: true, branded: true, key: true } },
        },
      },
    },
  });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now() || row.video.deletedAt) return null;
  const h = row.highlight;
  // Another variant serves its latest render (a re-render after a crop edit swaps in when done).
  const clipKey = isPlainCut({ aspect: row.aspect as TAspect, branded: row.branded })
    ? h?.clipKey
    : h?.aspectClips.find((a) => a.aspect === row.aspect && a.branded === row.branded)?.key;
  const key = row.kind === "reel" ? row.video.reelKey : h?.clipRevision !== null ? clipKey : null;
  if (!key) return null;
  return {
    key,
    kind: row.kind,
    videoTitle: row.video.title,
    what: h ? clipName(h) : "Highlight reel",
  };
}
