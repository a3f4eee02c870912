import { childLogger } from "@/lib/logger";
import { ZPurgeVideoJob } from "@/lib/schemas/jobs";
import { purgeVideo } from "@/lib/trash/service";
import { defineJob } from "./types";

/** Enqueued with a 30-day delay when a video goes to the trash; a restore removes it (lib/trash). */
export const purgeVideoJob = defineJob({
  name: "purge-video",
  schema: ZPurgeVideoJob,
  options: { concurrency: 1, timeoutMs: 10 * 60_000 },

  async handle({ videoId }, ctx) {
    const purged = await purgeVideo(videoId);
    if (!purged) childLogger({ videoId, jobId: ctx.jobId }).info("not in the trash or not due; kept");
    return { purged };
  },
});
