import { execFile } from "node:child_process";
import { env } from "@/lib/platform/env";
import { type ProbeData, probeFailure, UnplayableError, videoCodecOf, videoLeadS } from "./media";
import { guarded } from "./child-guard";

// ffprobe's JSON, read directly: fluent-ffmpeg's ffprobe parses the flat text output and drops the
// side data blocks, so the display matrix (a phone's rotation) never reached us (issue #16).

export interface ProbeRun {
  /** Parsed JSON, or null when ffprobe failed before writing any. */
  data: ProbeData | null;
  /** ffprobe's warnings and errors (-v warning): the words the failure messages are chosen from. */
  stderr: string;
}

// ffprobe reads packets until every stream has its parameters, for at most 5 s of media by default.
// A camera whose video starts seconds after its audio (issue #23: 6 of the sample clips, up to 9.8 s)
// then shows a video track with no pixel format, which reads as "no frames". A minute of lead and
// 64 MB are read only by such files: the others have their parameters after the first packets.
export const PROBE_WINDOW = ["-analyzeduration", "60000000", "-probesize", "64000000"];

export function runProbe(input: string, timeoutMs = 60_000): Promise<ProbeRun> {
  const args = ["-hide_banner", "-v", "warning", ...PROBE_WINDOW];
  args.push("-of", "json", "-show_streams", "-show_format", input);
  // Guarded: a killed worker takes its ffprobe with it (./child-guard.ts).
  const [cmd, guardedArgs] = guarded(env().FFPROBE_PATH, args);
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      guardedArgs,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, killSignal: "SIGKILL" },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === "ENOENT") return reject(err);
        if (err && err.killed)
          return reject(new Error(`ffprobe did not answer within ${timeoutMs / 1000} s`));
        let data: ProbeData | null = null;
        try {
          const parsed = JSON.parse(stdout) as Partial<ProbeData>;
          if (!err) data = { streams: parsed.streams ?? [], format: parsed.format ?? {} };
        } catch {
          data = null;
        }
        resolve({ data, stderr: stderr.slice(-8000) });
      },
    );
  });
}

/** ffprobe's facts about a path or (presigned) URL; ffprobe does range reads, nothing is downloaded. */
export async function probe(input: string): Promise<ProbeData> {
  const { data, stderr } = await runProbe(input);
  if (!data) throw new UnplayableError(probeFailure(stderr, new Uint8Array()));
  return data;
}

export interface VideoFacts {
  /** Where the video starts on ffmpeg's timeline (./media.ts videoLeadS); 0 when ffprobe cannot tell. */
  leadS: number;
  /** The decoded stream's codec (the sampler's choice of frames, ./sampler.ts); undefined if unknown. */
  codec: string | undefined;
}

export async function videoFactsOf(input: string): Promise<VideoFacts> {
  const { data } = await runProbe(input);
  return { leadS: data ? videoLeadS(data) : 0, codec: data ? videoCodecOf(data) : undefined };
}

export async function videoLeadOf(input: string): Promise<number> {
  return (await videoFactsOf(input)).leadS;
}

// Issue #25: how far apart the keyframes are decides whether the browser can seek the source well.
// Packets only (no decode): the first KEYFRAME_WINDOW_S seconds of the video track.
export const KEYFRAME_WINDOW_S = 30;

/** Parses `-show_entries packet=pts_time,flags -of csv=p=0` lines ("1.920000,K__") into keyframe times. */
export function parseKeyframes(text: string): { keyframes: number[]; untilS: number } {
  const keyframes: number[] = [];
  let untilS = 0;
  for (const line of text.split("\n")) {
    const [pts, flags] = line.trim().split(",");
    const t = Number(pts);
    if (!pts || !Number.isFinite(t)) continue;
    untilS = Math.max(untilS, t);
    if (flags?.startsWith("K")) keyframes.push(t);
  }
  keyframes.sort((a, b) => a - b);
  return { keyframes, untilS };
}

/** Keyframe times of the video track's first KEYFRAME_WINDOW_S seconds; null when ffprobe fails. */
export function keyframeTimes(
  input: string,
  timeoutMs = 60_000,
): Promise<{ keyframes: number[]; untilS: number } | null> {
  const args = ["-hide_banner", "-v", "error", "-select_streams", "v:0"];
  args.push("-read_intervals", `%+${KEYFRAME_WINDOW_S}`, "-show_entries", "packet=pts_time,flags");
  args.push("-of", "csv=p=0", input);
  const [cmd, guardedArgs] = guarded(env().FFPROBE_PATH, args);
  return new Promise((resolve) => {
    execFile(
      cmd,
      guardedArgs,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, killSignal: "SIGKILL" },
      (err, stdout) => resolve(err ? null : parseKeyframes(stdout)),
    );
  });
}
