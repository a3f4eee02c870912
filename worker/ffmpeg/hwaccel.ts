import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { env } from "@/lib/platform/env";
import { childLogger } from "@/lib/platform/logger";

// Decoding on the GPU when one is there: ffmpeg's CUDA device is tried once per process, by
// initialising it and decoding one generated frame; anything else falls back to CPU with one log line.
let found: Promise<string | null> | undefined;

export function hwaccelCheckArgs(hwaccel: string): string[] {
  return [
    "-hide_banner",
    "-v",
    "error",
    "-init_hw_device",
    `${hwaccel}=probe`,
    "-f",
    "lavfi",
    "-i",
    "nullsrc=s=64x64:d=0.04",
    "-f",
    "null",
    "-",
  ];
}

async function detect(): Promise<string | null> {
  const log = childLogger({ module: "ffmpeg" });
  const wanted = env().FFMPEG_HWACCEL;
  if (wanted === "none") {
    log.info("ffmpeg decodes on CPU (FFMPEG_HWACCEL=none)");
    return null;
  }
  const candidate = wanted === "auto" ? "cuda" : wanted;
  try {
    await promisify(execFile)(env().FFMPEG_PATH, hwaccelCheckArgs(candidate), { timeout: 15_000 });
    log.info({ hwaccel: candidate }, `ffmpeg decodes on the GPU (-hwaccel ${candidate})`);
    return candidate;
  } catch (err) {
    const why = String((err as { stderr?: string }).stderr ?? (err as Error).message)
      .trim()
      .split("\n")[0];
    const level = wanted === "auto" ? "info" : "warn";
    log[level]({ hwaccel: candidate }, `ffmpeg decodes on CPU: no ${candidate} device (${why})`);
    return null;
  }
}

export function hardwareDecoder(): Promise<string | null> {
  found ??= detect();
  return found;
}
