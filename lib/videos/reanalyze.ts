import { db } from "../db";
import { conflict } from "../errors";
import { childLogger } from "../logger";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import type { TVideoDto } from "../schemas/videos";
import { videoLifecycle } from "./lifecycle";
import { videoOr404 } from "./find";
import { toVideoDto, withOwner } from "./service";

/**
 * Runs a video's analysis again (the library's "Re-analyse"). A video that was never probed (its probe
 * failed) starts over from the probe; otherwise the analysis is planned again and the current results
 * stay until the new one completes. Job ids carry the time (graph.ts): the deterministic `<id>:analyze`
 * of the first run may still sit in the queue's failed set, and BullMQ would ignore a job with that id.
 */
export async function reanalyzeVideo(id: string): Promise<TVideoDto> {
  const v = await videoOr404(id);
  if (v.status === "queued" || v.status === "processing")
    throw conflict("This video is already being analysed");
  const probed = v.durationS !== null;
  const nonce = String(Date.now());
  await db().$transaction(async (tx) => {
    await videoLifecycle.restart(id, probed, tx);
    if (probed) await startJob(tx, "re-analysis asked for", "analyze", { videoId: id }, { nonce });
    else await startJob(tx, "re-analysis asked for", "probe", { videoId: id }, { nonce });
  });
  await dispatchSoon();
  const row = await db().video.findUniqueOrThrow({ where: { id }, include: withOwner });
  childLogger({ videoId: id }).info({ from: probed ? "analyze" : "probe" }, "re-analysis requested");
  return toVideoDto(row);
}
