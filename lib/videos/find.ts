import { db } from "../db";
import { notFound } from "../errors";
import type { Video } from "../generated/prisma/client";

/**
 * A video that is not in the trash, or 404. Every route that names a video by id goes through here: a
 * trashed video is reachable only from the trash (restore, purge), never by its old links.
 */
export async function videoOr404(id: string): Promise<Video> {
  const v = await db().video.findFirst({ where: { id, deletedAt: null } });
  if (!v) throw notFound("Video");
  return v;
}
