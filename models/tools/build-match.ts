// Builds the match test video: held-out non-penalty footage (test split) with held-out penalty
// kicks inserted at known times, all re-encoded to 1280×720 25 fps H.264 as an upload would be.
// Every second of held-out background plays once (no repeats, no mirrored second pass), so the
// video's non-penalty minutes are unique minutes; long clips are cut into ≥ 12 s pieces so the kicks
// fit between them. truth.json lists each background piece (source, times, broadcast or not).
// Usage: npx tsx models/tools/build-match.ts [--data ../shared/data] [--out .data/model-cache/match] [--split test]
//        [--part k/n]: only every n-th kick and background clip, from the k-th (two videos of one split
//        that share no clip: npm run bench:learn labels one and holds the other out)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isBroadcastSoccer, listItems } from "./groups";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data" },
    out: { type: "string", default: ".data/model-cache/match" },
    // val builds the same kind of video from the validation split (for checks that may tune)
    split: { type: "string", default: "test" },
    part: { type: "string", default: "1/1" },
  },
});
const dataDir = path.resolve(values.data!);
const out = path.resolve(values.out!);
mkdirSync(out, { recursive: true });
const FPS = 25;

function ffmpeg(args: string[]): string {
  const r = spawnSync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-y", ...args], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

function frameCount(file: string): number {
  const r = spawnSync(
    "ffprobe",
    [
      "-v",
      "error",
      "-count_packets",
      "-select_streams",
      "v:0",
      "-show_entries",
      "stream=nb_read_packets",
      "-of",
      "csv=p=0",
      file,
    ],
    { encoding: "utf8" },
  );
  return Number(r.stdout.trim());
}

// Every piece gets the same codec settings so the concat demuxer can join them without re-encoding.
function normalise(
  src: string,
  flip: boolean,
  name: string,
  range?: { from: number; length: number },
): { file: string; frames: number } {
  const file = path.join(out, `${name}.mp4`);
  if (!existsSync(file)) {
    // After -i: decoded from the start and cut exactly (the clips are short).
    const cut = range ? ["-ss", range.from.toFixed(3), "-t", range.length.toFixed(3)] : [];
    const vf = [
      `fps=${FPS}`,
      "scale=1280:720:force_original_aspect_ratio=decrease",
      "pad=1280:720:(ow-iw)/2:(oh-ih)/2",
      "setsar=1",
      ...(flip ? ["hflip"] : []),
    ].join(",");
    ffmpeg([
      "-i",
      src,
      ...cut,
      "-an",
      "-vf",
      vf,
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-crf",
      "23",
      "-g",
      "50",
      "-pix_fmt",
      "yuv420p",
      "-video_track_timescale",
      "12800",
      file,
    ]);
  }
  return { file, frames: frameCount(file) };
}

const [partK, partN] = values.part!.split("/").map(Number) as [number, number];
if (!(partN >= 1 && partK >= 1 && partK <= partN))
  throw new Error(`--part must be k/n with 1 ≤ k ≤ n, got ${values.part}`);
const inPart = (_: unknown, i: number) => i % partN === partK - 1;
const items = listItems(dataDir, path.resolve("models/tools/splits.json")).filter(
  (i) => i.split === values.split && i.kind === "clip",
);
// urdof7 files are 0.84 s cut-downs of the same bra-cro kicks as the tiago files: use each kick once.
const kicks = items
  .filter((i) => i.label === "penalty" && !path.basename(i.path).startsWith("urdof7_"))
  .filter(inPart);
const background = items.filter((i) => i.label === "background").filter(inPart);
const PIECE_S = 12;

const pieces: { file: string; frames: number; kick?: string; bg?: string }[] = [];
// Kicks are spaced by background time (not piece count): at least 12 s of background between two
// kicks, so each is a separate event as in a broadcast (shoot-out kicks come about a minute apart).
const bgFiles = background.flatMap((b) => {
  const tag = createHash("sha1").update(b.sha256).digest("hex").slice(0, 10);
  const n = Math.max(1, Math.floor(b.durationS / PIECE_S));
  const length = b.durationS / n;
  return Array.from({ length: n }, (_, i) => ({
    ...normalise(
      path.join(dataDir, b.path),
      false,
      n === 1 ? `bg-${tag}` : `bg-${tag}-${i}of${n}`,
      n === 1 ? undefined : { from: i * length, length },
    ),
    bg: b.path,
  }));
});
const gap = PIECE_S * FPS;
let k = 0;
let sinceKick = 0;
bgFiles.forEach((f, i) => {
  pieces.push(f);
  sinceKick += f.frames;
  // The last piece stays background, so the last kick has an aftermath.
  if (k < kicks.length && sinceKick >= gap && i < bgFiles.length - 1) {
    const kick = kicks[k++]!;
    const kt = createHash("sha1").update(kick.sha256).digest("hex").slice(0, 10);
    pieces.push({ ...normalise(path.join(dataDir, kick.path), false, `kick-${kt}`), kick: kick.path });
    sinceKick = 0;
  }
});
// A part has half the background for half the kicks: one that does not fit is left out (and said).
if (k < kicks.length && partN > 1)
  console.error(`part ${values.part}: ${kicks.length - k} kick(s) did not fit; ${k} used`);
else if (k < kicks.length) throw new Error(`only ${k} of ${kicks.length} kicks fit the background`);

const truth: { path: string; start: number; end: number }[] = [];
const bgTruth: { path: string; start: number; end: number; broadcast: boolean }[] = [];
let frames = 0;
for (const p of pieces) {
  const span = { start: frames / FPS, end: (frames + p.frames) / FPS };
  if (p.kick) truth.push({ path: p.kick, ...span });
  if (p.bg) bgTruth.push({ path: p.bg, ...span, broadcast: isBroadcastSoccer(p.bg) });
  frames += p.frames;
}
const list = path.join(out, "list.txt");
writeFileSync(list, pieces.map((p) => `file '${p.file}'`).join("\n") + "\n");
const video = path.join(out, "match.mp4");
ffmpeg(["-f", "concat", "-safe", "0", "-i", list, "-c", "copy", video]);
writeFileSync(
  path.join(out, "truth.json"),
  JSON.stringify({ video, durationS: frames / FPS, kicks: truth, background: bgTruth }, null, 1),
);
console.error(`match video ${video}: ${(frames / FPS).toFixed(1)} s, ${truth.length} kicks`);
