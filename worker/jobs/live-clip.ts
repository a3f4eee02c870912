import { db } from "@/lib/platform/db";
import { cutClip } from "../live/recording";
import { job } from "./types";

/** Cuts a settled live highlight to an MP4 in S3 as soon as its end has been seen. */
export const liveClipJob = job("live-clip", {
  options: { concurrency: 1, timeoutMs: 5 * 60_000 },

  async handle({ liveHighlightId }, ctx) {
    return cutClip(liveHighlightId, ctx.signal);
  },

  async onFailed({ liveHighlightId }, message) {
    await db().liveHighlight.updateMany({
      where: { id: liveHighlightId },
      data: { clipStatus: "failed", clipError: message },
    });
  },
});
