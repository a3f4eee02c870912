// The end-to-end benchmark's input: a `minutes`-long 1280×720 25 fps H.264 "match" of real footage from
// ../shared/data — held-out (test split) non-penalty clips played in turn, with held-out penalty kicks
// at known times, one per ~5 minutes — as models/tools/build-match.ts makes its shorter test match.
// Every piece is normalised once (same codec settings) so the concat demuxer joins them without a
// second encode; pieces and matches are cached under .data/bench/. The match has a sound track (pink noise
// at crowd level, AAC) as a broadcast has, so the waveform is part of what the benchmark waits for; its
// MP4 index is at the end (no faststart), as a camera or an export without "web optimised" writes it.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { env } from "@/lib/platform/env";
import { listItems } from "@/models/tools/groups";

const FPS = 25;
const run = promisify(execFile);

export interface BenchMatch {
  file: string;
  durationS: number;
  kicks: { path: string; startS: number; endS: number }[];
}

async function frameCount(file: string): Promise<number> {
  const { stdout } = await run(env().FFPROBE_PATH, [
    ...["-v", "error", "-count_packets", "-select_streams", "v:0"],
    ...["-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file],
  ]);
  return Number(stdout.trim());
}

async function normalise(dir: string, src: string, flip: boolean): Promise<{ file: string; frames: number }> {
  const tag = createHash("sha1").update(`${src}:${flip}`).digest("hex").slice(0, 12);
  const file = path.join(dir, `${tag}.mp4`);
  if (!existsSync(file)) {
    const vf = [
      `fps=${FPS}`,
      "scale=1280:720:force_original_aspect_ratio=decrease",
      "pad=1280:720:(ow-iw)/2:(oh-ih)/2",
      "setsar=1",
      ...(flip ? ["hflip"] : []),
    ].join(",");
    await run(env().FFMPEG_PATH, [
      ...["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", src, "-an", "-vf", vf],
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-g", "50", "-pix_fmt", "yuv420p"],
      ...["-video_track_timescale", "12800", `${file}.tmp.mp4`],
    ]);
    await run("mv", [`${file}.tmp.mp4`, file]);
  }
  return { file, frames: await frameCount(file) };
}

export async function benchMatch(minutes: number, dataDir = "../shared/data"): Promise<BenchMatch> {
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${minutes}`);
  const root = path.resolve(env().DATA_DIR, "bench");
  const out = path.join(root, `match-${minutes}min-audio.json`);
  if (existsSync(out)) {
    const cached = JSON.parse(await readFile(out, "utf8")) as BenchMatch;
    if (existsSync(cached.file)) return cached;
  }
  const pieceDir = path.join(root, "match-pieces");
  await mkdir(pieceDir, { recursive: true });
  const data = path.resolve(dataDir);
  const items = listItems(data, path.resolve("models/tools/splits.json")).filter(
    (i) => i.split === "test" && i.kind === "clip",
  );
  // urdof7 files are 0.84 s cut-downs of the same kicks as the tiago files: use each kick once.
  const kicks = items.filter((i) => i.label === "penalty" && !path.basename(i.path).startsWith("urdof7_"));
  const background = items.filter((i) => i.label === "background");
  if (kicks.length === 0 || background.length === 0)
    throw new Error(`no held-out clips found under ${data} (see its README)`);
  console.log(`making a ${minutes}-minute match from ${background.length} clips and ${kicks.length} kicks…`);

  const targetFrames = Math.round(minutes * 60 * FPS);
  const kickCount = Math.max(1, Math.round(minutes / 5));
  const kickAt = Array.from({ length: kickCount }, (_, i) =>
    Math.round(((i + 0.5) / kickCount) * targetFrames),
  );
  const pieces: { file: string; frames: number; kick?: string }[] = [];
  let frames = 0;
  let k = 0;
  // Background plays in turn (every other pass mirrored, so a repeat is not the same frames).
  for (let n = 0; frames < targetFrames; n++) {
    const bg = background[n % background.length]!;
    const flip = Math.floor(n / background.length) % 2 === 1;
    const piece = await normalise(pieceDir, path.join(data, bg.path), flip);
    pieces.push(piece);
    frames += piece.frames;
    if (k < kickCount && frames >= kickAt[k]! && frames < targetFrames) {
      const kick = kicks[k % kicks.length]!;
      pieces.push({ ...(await normalise(pieceDir, path.join(data, kick.path), false)), kick: kick.path });
      frames += pieces.at(-1)!.frames;
      k++;
    }
  }
  const truth: BenchMatch["kicks"] = [];
  let at = 0;
  for (const p of pieces) {
    if (p.kick) truth.push({ path: p.kick, startS: at / FPS, endS: (at + p.frames) / FPS });
    at += p.frames;
  }
  const list = path.join(root, `match-${minutes}min.txt`);
  await writeFile(list, pieces.map((p) => `file '${p.file}'`).join("\n") + "\n");
  const file = path.join(root, `match-${minutes}min-audio.mp4`);
  await run(env().FFMPEG_PATH, [
    ...["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list],
    ...["-f", "lavfi", "-i", `anoisesrc=color=pink:amplitude=0.05:sample_rate=48000:d=${at / FPS}`],
    ...["-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy", "-c:a", "aac", "-b:a", "128k", "-ac", "2"],
    ...["-shortest", file],
  ]);
  const match = { file, durationS: at / FPS, kicks: truth };
  await writeFile(out, JSON.stringify(match, null, 1));
  return match;
}
