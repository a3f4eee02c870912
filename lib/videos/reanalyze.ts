import { db } from "../db";
import { conflict, notFound } from "../errors";
import { childLogger } from "../logger";
import { enqueue } from "../queue";
import type { TVideoDto } from "../schemas/videos";
import { toVideoDto, withOwner } from "./service";

/**
 * Runs a video's analysis again (the library's "Re-analyse"). A video that was never probed (its probe
 * failed) starts over from the probe; otherwise the analysis is planned again and the current results
 * stay until the new one completes. Job ids carry the time: the deterministic `<id>:analyze` of the
 * first run may still sit in the queue's failed set, and BullMQ would ignore a job with that id.
 */
export async function reanalyzeVideo(id: string): Promise<TVideoDto> {
  const v = await db().video.findUnique({ where: { id }, select: { status: true, durationS: true } });
  if (!v) throw notFound("Video");
  if (v.status === "queued" || v.status === "processing")
    throw conflict("This video is already being analysed");
  const probed = v.durationS !== null;
  const row = await db().video.update({
    where: { id },
    data: probed
      ? { status: "processing", stage: "queued for analysis", progress: 0, etaSeconds: null, error: null }
      : { status: "queued", stage: null, progress: 0, etaSeconds: null, error: null },
    include: withOwner,
  });
  const at = Date.now();
  if (probed) await enqueue("analyze", { videoId: id }, { jobId: `${id}:analyze:${at}` });
  else await enqueue("probe", { videoId: id }, { jobId: `${id}:probe:${at}` });
  childLogger({ videoId: id }).info({ from: probed ? "analyze" : "probe" }, "re-analysis requested");
  return toVideoDto(row);
}
