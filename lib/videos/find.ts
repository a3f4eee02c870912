import { db } from "@/lib/platform/db";
import { notFound } from "@/lib/platform/errors";
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 404 unless the stored object may be served: an object of a trashed video is kept for a restore but
 * none of its links work, whatever its key. Most live under videos/<id>/, but an upload's source stays
 * at its staging key uploads/<uploadId>/source.<ext> (issue #23: it stayed downloadable from the
 * trash), so the upload's video and any video whose source is this very key are checked too.
 */
export async function mediaKeyOr404(key: string): Promise<void> {
  const videoId = /^videos\/([^/]+)\//.exec(key)?.[1];
  if (videoId) {
    await videoOr404(videoId);
    return;
  }
  const uploadId = /^uploads\/([^/]+)\//.exec(key)?.[1];
  const upload =
    uploadId && UUID.test(uploadId)
      ? await db().upload.findUnique({ where: { id: uploadId }, select: { videoId: true } })
      : null;
  const trashed = await db().video.count({
    where: {
      deletedAt: { not: null },
      OR: [{ sourceKey: key }, ...(upload?.videoId ? [{ id: upload.videoId }] : [])],
    },
  });
  if (trashed > 0) throw notFound("Video");
}
