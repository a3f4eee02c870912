import { db } from "@/lib/platform/db";
import { notFound } from "@/lib/platform/errors";
import type { TVideoDetailDto, TVideoDto, TVideoPatch } from "../schemas/videos";
import { presignGet } from "@/lib/platform/storage";
import type { Video } from "../generated/prisma/client";
import { videoJobStatus } from "../status/video";

export const withOwner = { owner: { select: { id: true, name: true } } } as const;
export type VideoRow = Video & { owner: { id: string; name: string } };

// Posters are re-signed on every poll; an hour keeps the browser cache useful between polls.
export const POSTER_TTL_S = 3600;

export async function toVideoDto(v: VideoRow): Promise<TVideoDto> {
  const job = await videoJobStatus(v);
  return {
    id: v.id,
    title: v.title,
    originalName: v.originalName,
    size: Number(v.size),
    status: v.status,
    stage: v.stage,
    progress: v.progress,
    etaSeconds: job?.state === "running" ? job.etaSeconds : null,
    job,
    error: v.error,
    warning: v.warning,
    durationS: v.durationS,
    fps: v.fps,
    width: v.width,
    height: v.height,
    videoCodec: v.videoCodec,
    audioCodec: v.audioCodec,
    posterUrl: v.posterKey ? await presignGet(v.posterKey, { expiresIn: POSTER_TTL_S }) : null,
    owner: v.owner,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

export async function getVideo(id: string): Promise<TVideoDetailDto> {
  const row = await db().video.findFirst({ where: { id, deletedAt: null }, include: withOwner });
  if (!row) throw notFound("Video");
  return { ...(await toVideoDto(row)), sourceUrl: await presignGet(row.sourceKey, { expiresIn: 6 * 3600 }) };
}

export async function renameVideo(id: string, patch: TVideoPatch): Promise<TVideoDto> {
  const exists = await db().video.findFirst({ where: { id, deletedAt: null }, select: { id: true } });
  if (!exists) throw notFound("Video");
  const row = await db().video.update({ where: { id }, data: { title: patch.title }, include: withOwner });
  return toVideoDto(row);
}
