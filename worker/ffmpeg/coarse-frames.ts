import { execFile } from "node:child_process";
import { env } from "@/lib/platform/env";
import { guarded } from "./child-guard";
import { keyframeArgs, keyframeTimesArgs, seekFrameArgs } from "./coarse-commands";
import { parseKeyframes } from "./ffprobe";
import { FfmpegError, rawFrames, redact } from "./frames";

// Issue #28: the coarse pass's pictures. Where keyframes come more often than every
// SEEK_SAMPLE_OVER_S, decoding only them is the cheapest look at the whole match; where they are
// rarer (some web downloads: 5–10 s), one picture every 1/SEEK_SAMPLE_RATE s is seeked and decoded.
export const SEEK_SAMPLE_OVER_S = 4;
export const SEEK_SAMPLE_RATE = 0.5;

export interface CoarseFrame {
  timeS: number; // from the source's start, as the 4-fps slots count
  rgb: Uint8Array;
}

export type CoarseSampler = "keyframes" | "seek";

/** All keyframe times of the video track, from packets alone (no decode). */
export function allKeyframeTimes(input: string, timeoutMs = 120_000): Promise<number[]> {
  const [cmd, args] = guarded(env().FFPROBE_PATH, keyframeTimesArgs(input));
  return new Promise((resolve, reject) =>
    execFile(
      cmd,
      args,
      { timeout: timeoutMs, maxBuffer: 128 * 1024 * 1024, killSignal: "SIGKILL" },
      (err, stdout) =>
        err
          ? reject(new FfmpegError(`ffprobe could not list the keyframes of ${redact(input)}`, "", null))
          : resolve(parseKeyframes(stdout).keyframes),
    ),
  );
}

/** The median gap between keyframes; Infinity with fewer than two. */
export function keyframeIntervalS(times: readonly number[]): number {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  if (gaps.length === 0) return Infinity;
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1]!;
}

export function coarseSamplerFor(times: readonly number[]): CoarseSampler {
  return keyframeIntervalS(times) > SEEK_SAMPLE_OVER_S ? "seek" : "keyframes";
}

export interface CoarseFramesOptions {
  input: string;
  size: number;
  durationS: number;
  // The container's start time: packet times count from it, slots from the source's t=0.
  startTimeS?: number;
  signal?: AbortSignal;
}

/** The coarse pass's pictures in time order, and which sampler took them. */
export async function coarseFrames(
  o: CoarseFramesOptions,
): Promise<{ sampler: CoarseSampler; frames: AsyncGenerator<CoarseFrame> }> {
  const keys = await allKeyframeTimes(o.input);
  const sampler = coarseSamplerFor(keys);
  const bytes = o.size * o.size * 3;
  const t0 = o.startTimeS ?? 0;
  if (sampler === "keyframes") {
    const frames = (async function* () {
      let k = 0;
      for await (const rgb of rawFrames(keyframeArgs(o), bytes, o.input, o.signal)) {
        // One output frame per keyframe packet (passthrough); a decoder that drops a broken keyframe
        // shifts the pairing by one GOP at most from there on, which the region padding absorbs.
        const t = keys[Math.min(k++, keys.length - 1)]!;
        yield { timeS: Math.max(0, t - t0), rgb };
      }
    })();
    return { sampler, frames };
  }
  const frames = (async function* () {
    for (let t = 0; t < o.durationS; t += 1 / SEEK_SAMPLE_RATE) {
      for await (const rgb of rawFrames(seekFrameArgs({ ...o, atS: t }), bytes, o.input, o.signal))
        yield { timeS: t, rgb };
    }
  })();
  return { sampler, frames };
}
