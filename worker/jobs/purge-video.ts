import { childLogger } from "@/lib/platform/logger";
import { purgeVideo } from "@/lib/trash/service";
import { job } from "./types";

/** Enqueued with a 30-day delay when a video goes to the trash; a restore removes it (lib/trash). */
export const purgeVideoJob = job("purge-video", {
  options: { concurrency: 1, timeoutMs: 10 * 60_000 },

  async handle({ videoId }, ctx) {
    const purged = await purgeVideo(videoId);
    if (!purged) childLogger({ videoId, jobId: ctx.jobId }).info("not in the trash or not due; kept");
    return { purged };
  },
});
