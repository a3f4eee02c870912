import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { keys, presignGet, putObject } from "@/lib/platform/storage";
import { parseWaveform, WAVEFORM_RATE, waveformSpec } from "../ffmpeg/proxy-commands";
import { runFfmpeg } from "../ffmpeg/run";
import { job } from "./types";
import { jobTempDir } from "../temp";
import { videoWithdrawn } from "./cancel";

/**
 * Issue #25: the review room's waveform from an audio-only pass (the video track is not decoded), queued
 * with the analysis instead of waiting for a proxy. Beside the analysis: the Video row's progress stays.
 */
export const waveformJob = job("waveform", {
  cancelledBy: ({ videoId }) => videoWithdrawn(videoId),
  options: { concurrency: 1, timeoutMs: 60 * 60_000 },

  async handle({ videoId }, ctx) {
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "waveform" });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) return log.info("video is gone; no waveform");
    if (!video.durationS || !video.hasAudio) return log.info("video has no audio; no waveform");
    const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 6 * 3600 });
    const dir = await jobTempDir("waveform");
    try {
      const levels = path.join(dir, "levels.txt");
      const started = Date.now();
      await runFfmpeg({ ...waveformSpec(url, levels), niceness: ctx.niceness }, ctx.signal);
      const peaks = parseWaveform(await readText(levels), video.durationS);
      const waveformKey = keys.waveform(videoId);
      await putObject(
        waveformKey,
        JSON.stringify({ version: 1, rate: WAVEFORM_RATE, peaks }),
        "application/json",
      );
      await db().video.updateMany({ where: { id: videoId }, data: { waveformKey } });
      log.info({ peaks: peaks.length, ms: Date.now() - started }, "waveform ready");
      return { peaks: peaks.length };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});

// ffmpeg creates a print file only once something is printed: no file means no audio frames.
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw err;
  }
}
