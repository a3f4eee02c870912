import { analysisLifecycle } from "../analysis/lifecycle";
import { db } from "@/lib/platform/db";
import { conflict } from "@/lib/platform/errors";
import { childLogger } from "@/lib/platform/logger";
import { startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import type { TVideoDto } from "../schemas/videos";
import { videoLifecycle } from "./lifecycle";
import { videoOr404 } from "./find";
import { toVideoDto, withOwner } from "./service";

/** What a stopped analysis says when a re-analysis replaced it (its rows stay, failed, for the janitor). */
export const REPLACED_ERROR = "Stopped: a new analysis of the video was asked for";

/**
 * Runs a video's analysis again (the library's "Re-analyse"). A video that was never probed (its probe
 * failed) starts over from the probe; otherwise the analysis is planned again and the current results
 * stay until the new one completes. An analysis still running is stopped first (issue #16): its chunks
 * and finaliser see it is no longer running within seconds (worker/jobs/cancel.ts), its progress stops
 * counting (worker/progress.ts), and the janitor removes what it wrote. A probe under way, or an analysis
 * queued but not planned yet, is left to go on (409). Job ids carry the time (graph.ts): the
 * deterministic `<id>:analyze` of the first run may still sit in the queue's failed set, and BullMQ would
 * ignore a job with that id.
 */
export async function reanalyzeVideo(id: string): Promise<TVideoDto> {
  const v = await videoOr404(id);
  const probed = v.durationS !== null;
  const busy = v.status === "queued" || v.status === "processing";
  if (busy && !probed)
    throw conflict("This video is still being read (probed); re-analyse it once it is ready");
  const nonce = String(Date.now());
  const stopped = await db().$transaction(async (tx) => {
    let stopped = 0;
    if (busy) {
      stopped = await analysisLifecycle.stopped(tx, id, REPLACED_ERROR);
      if (stopped === 0)
        throw conflict("This video's analysis is about to start; re-analyse it once it is ready");
    }
    await videoLifecycle.restart(id, probed, tx);
    if (probed) await startJob(tx, "re-analysis asked for", "analyze", { videoId: id }, { nonce });
    else await startJob(tx, "re-analysis asked for", "probe", { videoId: id }, { nonce });
    return stopped;
  });
  await dispatchSoon();
  const row = await db().video.findUniqueOrThrow({ where: { id }, include: withOwner });
  childLogger({ videoId: id }).info(
    { from: probed ? "analyze" : "probe", stoppedAnalyses: stopped },
    "re-analysis requested",
  );
  return toVideoDto(row);
}
