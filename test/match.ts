// Real footage for tests, with no database or storage behind it: integration tests (through ./fixtures)
// and the Playwright specs build their streams with these.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

export const SHARED_DATA = path.resolve("../shared/data");
export const sharedClip = (rel: string) => path.join(SHARED_DATA, rel);

/** A 49-s "match" for the worker tests: open play, a penalty kick (test split), open play (buildMatch). */
export const KICK_MATCH_CLIPS = [
  sharedClip("clips/other/soccer_broadcast_seriea_openplay.mp4"),
  sharedClip("clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4"),
  sharedClip("clips/other/soccer_overhead_camera_openplay.mp4"),
];

export async function ffmpegMake(args: string[]): Promise<void> {
  await promisify(execFile)("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);
}

/** Container duration in seconds, by ffprobe, of a path or URL. */
export async function durationOf(input: string): Promise<number> {
  const { stdout } = await promisify(execFile)("ffprobe", [
    ...["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", input],
  ]);
  return Number.parseFloat(stdout);
}

/**
 * Concatenates real clips into one 720p25 H.264 "match" (video only), returning where each clip starts.
 * Used to place a penalty kick at a known time among other footage. `keyframeEveryS` fixes the GOP, so
 * the match can be cut into HLS segments without a second encode (cutHls `copy`).
 */
export async function buildMatch(
  clips: string[],
  out: string,
  // faststart: the index (moov) first, as a browser wants it (issue #25: then no proxy is made)
  opts: { keyframeEveryS?: number; faststart?: boolean } = {},
): Promise<{ starts: number[]; durations: number[] }> {
  const durations: number[] = [];
  for (const c of clips) durations.push(await durationOf(c));
  const inputs = clips.flatMap((c) => ["-i", c]);
  const scaled = clips
    .map(
      (_, i) =>
        `[${i}:v]scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25,format=yuv420p[v${i}]`,
    )
    .join(";");
  const concat = `${clips.map((_, i) => `[v${i}]`).join("")}concat=n=${clips.length}:v=1:a=0[out]`;
  await ffmpegMake([
    ...inputs,
    "-filter_complex",
    `${scaled};${concat}`,
    "-map",
    "[out]",
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-crf",
    "23",
    ...(opts.keyframeEveryS
      ? ["-g", String(25 * opts.keyframeEveryS), "-keyint_min", String(25 * opts.keyframeEveryS)]
      : []),
    ...(opts.keyframeEveryS ? ["-sc_threshold", "0"] : []),
    ...(opts.faststart ? ["-movflags", "+faststart"] : []),
    out,
  ]);
  // fps=25 rounds each clip to whole frames; starts follow the rounded lengths.
  const rounded = durations.map((d) => Math.round(d * 25) / 25);
  const starts = rounded.map((_, i) => rounded.slice(0, i).reduce((a, b) => a + b, 0));
  return { starts, durations: rounded };
}
