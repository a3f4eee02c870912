import { db } from "@/lib/platform/db";
import { finalizeRecording } from "../live/recording";
import { job } from "./types";

/** The stream ended, was stopped or failed: its recording becomes a Video and is probed like an upload. */
export const liveFinalizeJob = job("live-finalize", {
  options: { concurrency: 1, timeoutMs: 60 * 60_000 },

  async handle({ liveSourceId }, ctx) {
    const { videoId, made } = await finalizeRecording(liveSourceId, ctx.signal);
    return { videoId, next: made && videoId ? [{ job: "probe", data: { videoId } }] : [] };
  },

  async onFailed({ liveSourceId }, message) {
    await db().liveSource.updateMany({ where: { id: liveSourceId }, data: { recordingError: message } });
  },
});
