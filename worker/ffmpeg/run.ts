import ffmpeg from "fluent-ffmpeg";
import { env } from "@/lib/platform/env";
import { guardedBinary } from "./child-guard";
import type { FfmpegMultiSpec } from "./clip-commands";
import { type FfmpegSpec, humanFfmpegError, UnplayableError } from "./media";

// The one place fluent-ffmpeg is configured; binaries come from FFMPEG_PATH / FFPROBE_PATH.
let configured = false;
function configure(): void {
  if (configured) return;
  // Through setpriv --pdeathsig: a killed worker takes its ffmpeg children with it (./child-guard.ts).
  ffmpeg.setFfmpegPath(guardedBinary(env().FFMPEG_PATH));
  ffmpeg.setFfprobePath(guardedBinary(env().FFPROBE_PATH));
  configured = true;
}

// ffprobe is run directly (./ffprobe.ts) for its JSON with side data; re-exported for the callers.
export { probe } from "./ffprobe";

/** Runs one ffmpeg invocation built by a pure spec function; rejects with stderr's gist. */
export function runFfmpeg(
  spec: FfmpegSpec,
  signal?: AbortSignal,
  onProgress?: (outSeconds: number) => void,
): Promise<void> {
  const { input, inputOptions, ...rest } = spec;
  return runFfmpegInputs({ inputs: [{ input, inputOptions }], ...rest }, signal, onProgress);
}

/** Several inputs (the reel's segments); `onProgress` gets the output time written so far, in seconds. */
export function runFfmpegInputs(
  spec: FfmpegMultiSpec,
  signal?: AbortSignal,
  onProgress?: (outSeconds: number) => void,
): Promise<void> {
  configure();
  // An abort before the start fires no event: a stopped job (lost lock, cancelled) must start nothing.
  if (signal?.aborted) return Promise.reject(new Error("aborted"));
  return new Promise((resolve, reject) => {
    // fluent-ffmpeg starts it as `nice -n N ffmpeg …` (nice execs ffmpeg: same pid, same signals)
    const cmd = ffmpeg({ niceness: spec.niceness ?? 0 });
    for (const i of spec.inputs) cmd.input(i.input).inputOptions(i.inputOptions);
    cmd.output(spec.output).outputOptions(spec.outputOptions);
    let stderr = "";
    cmd.on("stderr", (line: string) => {
      stderr = (stderr + line + "\n").slice(-8000);
    });
    if (onProgress) cmd.on("progress", (p: { timemark?: string }) => onProgress(timemarkSeconds(p.timemark)));
    cmd.on("error", (err: Error) =>
      reject(
        signal?.aborted ? new Error("aborted") : new UnplayableError(humanFfmpegError(stderr || err.message)),
      ),
    );
    cmd.on("end", () => resolve());
    signal?.addEventListener("abort", () => cmd.kill("SIGKILL"), { once: true });
    cmd.run();
  });
}

function timemarkSeconds(mark: string | undefined): number {
  const m = /^(-?\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(mark ?? "");
  return m ? Math.max(0, Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) : 0;
}
