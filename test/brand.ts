// Real footage and pixel checks for the brand (issue #29), shared by the integration test and the e2e
// spec: the test split's shoot-out (wc2022-bra-cro, the tiago_* clips in kick order), a logo, and raw
// frames compared region by region.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { durationOf, ffmpegMake, sharedClip } from "./match";

// tiago_bra-cro-wc2022-7 is not in the data set: 7 of the shoot-out's kicks, in the order they were taken.
export const SHOOTOUT_CLIPS = [1, 2, 3, 4, 5, 6, 8].map((n) =>
  sharedClip(`clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-${n}.mp4`),
);
export const SHOOTOUT_SIZE = { w: 640, h: 360 };

/**
 * The kicks joined into one 640×360 25-fps video (video only) with one second of black between them,
 * and each kick's span: the frames a highlight on it holds.
 */
export async function buildShootout(out: string): Promise<{ startS: number; endS: number }[]> {
  const spans: { startS: number; endS: number }[] = [];
  let at = 0;
  const parts: string[] = [];
  const inputs: string[] = [];
  for (const [i, clip] of SHOOTOUT_CLIPS.entries()) {
    const d = Math.round((await durationOf(clip)) * 25) / 25;
    inputs.push("-i", clip);
    parts.push(
      `color=c=black:s=640x360:r=25,trim=end_frame=25,setsar=1,format=yuv420p[g${i}]`,
      `[${i}:v]scale=640:360,setsar=1,fps=25,format=yuv420p,trim=end_frame=${Math.round(d * 25)},setpts=PTS-STARTPTS[k${i}]`,
    );
    at += 1;
    spans.push({ startS: at, endS: at + d });
    at += d;
  }
  const pads = SHOOTOUT_CLIPS.map((_, i) => `[g${i}][k${i}]`).join("");
  await ffmpegMake([
    ...inputs,
    "-filter_complex",
    `${parts.join(";")};${pads}concat=n=${SHOOTOUT_CLIPS.length * 2}:v=1:a=0[out]`,
    ...["-map", "[out]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "25"],
    out,
  ]);
  return spans;
}

/** A 96×64 PNG logo that cannot be mistaken for footage: SMPTE-like bars with a test pattern. */
export async function makeLogo(out: string): Promise<void> {
  await ffmpegMake(["-f", "lavfi", "-i", "testsrc2=s=96x64:r=1", "-frames:v", "1", out]);
}

/** One decoded frame (by index) as packed RGB, optionally scaled by a filter first. */
export async function rawFrame(file: string, index: number, vf = ""): Promise<Buffer> {
  const filter = [`select=eq(n\\,${index})`, ...(vf ? [vf] : [])].join(",");
  const { stdout } = await promisify(execFile)(
    "ffmpeg",
    ["-v", "error", "-i", file, "-vf", filter, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
    { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Mean absolute difference (0–255) between region `r` of a (width aw) and the whole of b (width r.w). */
export function regionDiff(a: Buffer, aw: number, b: Buffer, r: Region): number {
  let sum = 0;
  for (let y = 0; y < r.h; y++)
    for (let x = 0; x < r.w; x++)
      for (let c = 0; c < 3; c++)
        sum += Math.abs(a[((r.y + y) * aw + r.x + x) * 3 + c]! - b[(y * r.w + x) * 3 + c]!);
  return sum / (r.w * r.h * 3);
}

/** The same region cut out of two frames of one width, compared. */
export function sameRegionDiff(a: Buffer, b: Buffer, width: number, r: Region): number {
  const cut = Buffer.alloc(r.w * r.h * 3);
  for (let y = 0; y < r.h; y++)
    b.copy(cut, y * r.w * 3, ((r.y + y) * width + r.x) * 3, ((r.y + y) * width + r.x + r.w) * 3);
  return regionDiff(a, width, cut, r);
}

/** Frame count by ffprobe (decoded). */
export async function frameCount(file: string): Promise<number> {
  const { stdout } = await promisify(execFile)("ffprobe", [
    ...["-v", "error", "-count_frames", "-select_streams", "v:0"],
    ...["-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file],
  ]);
  return Number.parseInt(stdout, 10);
}

/** The reel's chapter titles, in order (the cards' and kicks' words). */
export async function chapterTitles(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)("ffprobe", [
    "-v",
    "error",
    "-show_chapters",
    "-of",
    "json",
    file,
  ]);
  return (JSON.parse(stdout) as { chapters: { tags?: { title?: string } }[] }).chapters.map(
    (c) => c.tags?.title ?? "",
  );
}
