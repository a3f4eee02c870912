import { createReadStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { childLogger } from "@/lib/logger";
import { keys, presignGet, putObject, uploadStream } from "@/lib/storage";
import { parseShots, parseWaveform, proxySpec, WAVEFORM_RATE } from "../ffmpeg/proxy-commands";
import { runFfmpeg } from "../ffmpeg/run";
import { job } from "./types";
import { jobTempDir } from "../temp";
import { videoWithdrawn } from "./cancel";

/**
 * The review room's proxy: ≤720p H.264 with a keyframe every ~0.5 s at the source's constant frame
 * rate, so the browser lands on any frame of a long match quickly. The same decode finds shot cuts and
 * measures the audio waveform (worker/ffmpeg/proxy-commands.ts).
 *
 * It runs beside the analysis, so its graph node leaves the Video row's progress alone (videoProgress:
 * false). A failure is recorded on proxyError only; the page keeps playing the source, so the video
 * itself never fails because of its proxy.
 */
export const proxyJob = job("proxy", {
  cancelledBy: ({ videoId }) => videoWithdrawn(videoId),
  options: { concurrency: 1, timeoutMs: 6 * 60 * 60_000 },

  async handle({ videoId }, ctx) {
    const log = childLogger({ videoId, jobId: ctx.jobId, job: "proxy" });
    const video = await db().video.findUnique({ where: { id: videoId } });
    if (!video) return log.info("video is gone; no proxy");
    if (!video.durationS || !video.fps || !video.width || !video.height) {
      return log.warn("video is not probed; no proxy");
    }
    const url = await presignGet(video.sourceKey, { internal: true, expiresIn: 12 * 3600 });
    const dir = await jobTempDir("proxy");
    try {
      const out = {
        video: path.join(dir, "proxy.mp4"),
        shots: path.join(dir, "shots.txt"),
        waveform: path.join(dir, "waveform.txt"),
      };
      const hasAudio = video.hasAudio ?? false;
      const started = Date.now();
      const spec = proxySpec(
        url,
        { width: video.width, height: video.height, rotation: video.rotation ?? 0, fps: video.fps, hasAudio },
        out,
      );
      await runFfmpeg({ ...spec, niceness: ctx.niceness }, ctx.signal);
      const shots = parseShots(await readText(out.shots), video.fps);
      const waveform = hasAudio
        ? { rate: WAVEFORM_RATE, peaks: parseWaveform(await readText(out.waveform), video.durationS) }
        : null;

      const proxyKey = keys.proxy(videoId);
      const shotsKey = keys.proxyShots(videoId);
      const waveformKey = waveform ? keys.proxyWaveform(videoId) : null;
      await uploadStream(proxyKey, createReadStream(out.video), "video/mp4");
      await putObject(shotsKey, JSON.stringify({ version: 1, shots }), "application/json");
      if (waveform && waveformKey) {
        await putObject(waveformKey, JSON.stringify({ version: 1, ...waveform }), "application/json");
      }
      await db().video.updateMany({
        where: { id: videoId },
        data: { proxyKey, shotsKey, waveformKey, proxyError: null },
      });
      log.info({ shots: shots.length, ms: Date.now() - started }, "proxy ready");
      return { shots: shots.length };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  async onFailed({ videoId }, message) {
    await db().video.updateMany({ where: { id: videoId }, data: { proxyError: message } });
  },
});

// ffmpeg creates a print file only once something is printed: no file means no cuts / no audio frames.
async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw err;
  }
}
