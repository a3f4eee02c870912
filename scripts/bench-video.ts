import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { env } from "@/lib/platform/env";

/**
 * The benchmarks' input: `seconds` of 720p25 H.264 with a broadcast-like 2 s GOP and B-frames, made once
 * under .data/bench/. testsrc2 moves every frame (like a panning camera), so the decoder does real work.
 */
export async function benchVideo(seconds: number, tag = "bench"): Promise<string> {
  const dir = path.resolve(env().DATA_DIR, "bench");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${tag}-720p25-${seconds}s.mp4`);
  if (existsSync(file)) return file;
  console.log(`making ${file} (${seconds} s of 720p25 H.264, GOP 2 s)…`);
  await promisify(execFile)(env().FFMPEG_PATH, [
    ...["-hide_banner", "-v", "error", "-y"],
    ...["-f", "lavfi", "-i", `testsrc2=size=1280x720:rate=25:duration=${seconds}`],
    ...["-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", file],
  ]);
  return file;
}
