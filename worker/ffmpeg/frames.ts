import { spawn } from "node:child_process";
import { guarded } from "./child-guard";
import { env } from "@/lib/platform/env";
import { frameArgs, type FrameArgsOptions } from "./commands";
import { videoFactsOf } from "./ffprobe";
import { hardwareDecoder } from "./hwaccel";
import { skipFramesFor } from "./sampler";

// Raw frames come over a pipe from a plain spawn: fluent-ffmpeg (worker/ffmpeg/run.ts, used for
// probing and transcodes) buffers nothing useful for a binary stdout stream we must pace ourselves.

export interface Frame {
  // Global slot index: timeS = index / rate, counted from t=0 of the source, not of the chunk.
  index: number;
  timeS: number;
  rgb: Uint8Array;
}

// hwaccel undefined: whatever hardwareDecoder() found; null: CPU.
export interface ReadFramesOptions extends Omit<FrameArgsOptions, "skipFrames"> {
  signal?: AbortSignal;
  // The video codec (ffprobe's codec_name), which decides the frames the sampler skips; probed if omitted.
  codec?: string;
}

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
    readonly exitCode: number | null,
  ) {
    super(stderrTail ? `${message}\n${stderrTail}` : message);
    this.name = "FfmpegError";
  }
}

const STDERR_TAIL = 4000;

// Chunk starts must sit on the frame grid or chunked and whole-file runs sample different frames.
export function firstSlot(startS: number | undefined, rate: number): number {
  const slot = Math.round((startS ?? 0) * rate);
  if (Math.abs(slot / rate - (startS ?? 0)) > 1e-6) {
    throw new Error(`startS ${startS} is not a multiple of 1/${rate} s`);
  }
  return slot;
}

/**
 * Slots before the video's first picture. The fps filter (start_time=0) fills them with that first
 * picture, so the slot grid stays anchored at t=0 of the source (chunks, stored features and clip
 * times all count from there); the analysis scores no window that starts inside them (issue #23: a
 * frozen first frame scored 0.99 "penalty" over 8 s of sound before the camera started).
 */
export function leadSlots(leadS: number, rate: number): number {
  return Math.max(0, Math.round(leadS * rate));
}

export async function* readFrames(o: ReadFramesOptions): AsyncGenerator<Frame> {
  const first = firstSlot(o.startS, o.rate);
  // The fps filter may emit one padding slot at EOF; a chunk owns only slots inside its span.
  const lastExclusive = o.durationS === undefined ? Infinity : first + Math.round(o.durationS * o.rate);
  o.signal?.throwIfAborted();
  const hwaccel = o.hwaccel === undefined ? await hardwareDecoder() : o.hwaccel;
  // Every reader (serving, training, evaluation, calibration) comes through here: one sampler for all.
  const skipFrames = skipFramesFor(o.codec ?? (await videoFactsOf(o.input)).codec);
  let k = 0;
  for await (const rgb of rawFrames(
    frameArgs({ ...o, hwaccel, skipFrames }),
    o.size * o.size * 3,
    o.input,
    o.signal,
  )) {
    const index = first + k++;
    if (index < lastExclusive) yield { index, timeS: index / o.rate, rgb };
  }
}

/**
 * Runs ffmpeg with `args` (raw RGB frames on stdout) and yields each frame of `frameBytes` as it
 * arrives; the analysis's sampler (readFrames) and the coarse pass's pictures (coarse-frames.ts) both
 * read through it. Aborting `signal` kills ffmpeg; so does a consumer that stops early.
 */
export async function* rawFrames(
  args: string[],
  frameBytes: number,
  input: string,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  signal?.throwIfAborted();
  const [cmd, gargs] = guarded(env().FFMPEG_PATH, args);
  const proc = spawn(cmd, gargs, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr.setEncoding("utf8");
  proc.stderr.on("data", (d: string) => {
    stderr = (stderr + d).slice(-STDERR_TAIL);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    proc.once("error", reject);
    proc.once("close", (code) => resolve(code));
  });
  exited.catch(() => undefined);
  const kill = () => proc.kill("SIGKILL");
  signal?.addEventListener("abort", kill, { once: true });

  // Each frame is assembled in its own buffer straight from the pipe's chunks: one copy per byte
  // (a Buffer.concat per 64 kB chunk copied every partial frame again, for every sampled frame).
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  try {
    // Iterating stdout pulls one chunk at a time: while the consumer is busy, the pipe fills and
    // ffmpeg blocks on write, so memory stays at one frame plus the pipe buffer.
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - at);
        frame.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === frameBytes) {
          yield frame;
          frame = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const code = await exited;
    signal?.throwIfAborted();
    if (code !== 0)
      throw new FfmpegError(`ffmpeg failed to decode ${redact(input)} (exit ${code})`, stderr.trim(), code);
    if (filled) throw new FfmpegError(`ffmpeg ended mid-frame on ${redact(input)}`, stderr.trim(), code);
  } finally {
    signal?.removeEventListener("abort", kill);
    // Consumer stopped early (break/throw/abort): do not leave ffmpeg blocked on a full pipe.
    if (proc.exitCode === null && proc.signalCode === null) kill();
  }
}

// Presigned URLs carry credentials in the query string: keep them out of errors and logs.
export function redact(input: string): string {
  return input.replace(/\?.*$/, "?…");
}
