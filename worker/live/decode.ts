// The sampled frames of one live segment, decoded by ffmpeg into a file in the tick's temp dir rather
// than a pipe, and read back as each frame completes.
//
// Why not worker/ffmpeg/frames.ts's pipe: onnxruntime-node runs a session synchronously on the JS thread
// (its backend wraps the native call in setImmediate), so while the backbone scores a batch nothing
// drains ffmpeg's stdout. The 64 kB pipe holds less than one 224² frame, so ffmpeg stops decoding until
// the batch is done, and decoding and inference take turns. Writing to a file, ffmpeg never waits for
// us: on two cores the segment's decode and its inference overlap, which is most of a segment's latency.
import { spawn } from "node:child_process";
import { open, type FileHandle } from "node:fs/promises";
import { env } from "../../lib/env";
import { frameArgs } from "../ffmpeg/commands";
import { FfmpegError, redact, type Frame } from "../ffmpeg/frames";
import { hardwareDecoder } from "../ffmpeg/hwaccel";
import { sleep } from "./http";

const STDERR_TAIL = 4000;
// How often to look for the next frame while ffmpeg is still decoding it.
const POLL_MS = 3;

export interface DecodeOptions {
  input: string;
  rate: number;
  size: number;
  // frames from t=0 up to this long (slots 0 … durationS·rate-1); the fps filter may pad one more at EOF
  durationS: number;
  // where ffmpeg writes the raw frames (a new file in a temp dir the caller removes)
  out: string;
  signal?: AbortSignal;
}

/** Same frames, indices and errors as readFrames({ input, rate, size, durationS }) gives. */
export async function* decodeSegmentFrames(o: DecodeOptions): AsyncGenerator<Frame> {
  o.signal?.throwIfAborted();
  const frameBytes = o.size * o.size * 3;
  const slots = Math.round(o.durationS * o.rate);
  const args = frameArgs({
    input: o.input,
    rate: o.rate,
    size: o.size,
    durationS: o.durationS,
    hwaccel: await hardwareDecoder(),
  });
  // The same decode and filters as readFrames; only the output differs.
  if (args.at(-1) !== "pipe:1") throw new Error("frameArgs no longer ends with its output");
  const proc = spawn(env().FFMPEG_PATH, [...args.slice(0, -1), o.out], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr.setEncoding("utf8");
  proc.stderr.on("data", (d: string) => {
    stderr = (stderr + d).slice(-STDERR_TAIL);
  });
  let exitCode: number | null | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    proc.once("error", (err) => {
      spawnError = err;
      resolve();
    });
    proc.once("close", (code) => {
      exitCode = code;
      resolve();
    });
  });
  const kill = () => proc.kill("SIGKILL");
  o.signal?.addEventListener("abort", kill, { once: true });

  let fh: FileHandle | undefined;
  try {
    for (let k = 0; ;) {
      const done = exitCode !== undefined || spawnError !== undefined;
      // ffmpeg creates the file once it has probed the input
      fh ??= await open(o.out, "r").catch(() => undefined);
      const size = fh ? (await fh.stat()).size : 0;
      for (; (k + 1) * frameBytes <= size; k++) {
        const rgb = new Uint8Array(frameBytes);
        await fh!.read(rgb, 0, frameBytes, k * frameBytes);
        if (k < slots) yield { index: k, timeS: k / o.rate, rgb };
      }
      if (done) {
        o.signal?.throwIfAborted();
        if (spawnError) throw spawnError;
        if (exitCode !== 0)
          throw new FfmpegError(
            `ffmpeg failed to decode ${redact(o.input)} (exit ${exitCode})`,
            stderr.trim(),
            exitCode ?? null,
          );
        if (size % frameBytes !== 0)
          throw new FfmpegError(`ffmpeg ended mid-frame on ${redact(o.input)}`, stderr.trim(), exitCode);
        return;
      }
      await Promise.race([exited, sleep(POLL_MS)]);
    }
  } finally {
    o.signal?.removeEventListener("abort", kill);
    if (proc.exitCode === null && proc.signalCode === null) kill();
    await fh?.close();
  }
}
