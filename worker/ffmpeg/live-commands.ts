// ffmpeg invocations of live mode as data (run by worker/ffmpeg/run.ts), unit-tested as exact arrays.
import type { FfmpegSpec } from "./media";

// ffmpeg's concat demuxer list; single quotes inside a path are closed, escaped and reopened.
export function concatList(inputs: readonly string[]): string {
  return inputs.map((p) => `file '${p.replaceAll("'", "'\\''")}'`).join("\n") + "\n";
}

// Remote inputs (presigned S3 URLs) need the network protocols whitelisted for the concat demuxer.
const CONCAT_IN = ["-f", "concat", "-safe", "0", "-protocol_whitelist", "file,http,https,tcp,tls,crypto"];

/** The recording: segments back to back, stream copy (no re-encode), index up front for players. */
export function recordingSpec(listFile: string, output: string): FfmpegSpec {
  return {
    input: listFile,
    inputOptions: CONCAT_IN,
    output,
    outputOptions: [
      "-map",
      "0:v:0",
      "-map",
      "0:a:0?",
      "-c",
      "copy",
      "-movflags",
      "+faststart",
      "-f",
      "mp4",
      "-y",
    ],
  };
}

/**
 * A highlight clip: re-encoded, because stream copy can only start on a keyframe (up to a GOP early) and
 * a clip is short enough that a fast x264 preset costs a few seconds.
 */
export function clipSpec(listFile: string, offsetS: number, durationS: number, output: string): FfmpegSpec {
  const s = (v: number) => (Math.round(v * 1000) / 1000).toFixed(3);
  return {
    input: listFile,
    inputOptions: [...CONCAT_IN, "-ss", s(Math.max(0, offsetS))],
    output,
    outputOptions: [
      "-t",
      s(durationS),
      "-map",
      "0:v:0",
      "-map",
      "0:a:0?",
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-crf",
      "23",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-b:a",
      "128k",
      "-movflags",
      "+faststart",
      "-f",
      "mp4",
      "-y",
    ],
  };
}
