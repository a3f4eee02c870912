// The e2e spec's media for the vertical reframe (issue #29), no database behind it: a 640×360 source
// whose top rows say where a crop starts (luma rises with x) and whose bottom rows hold a ball that swings
// left and right (the motion the automatic path follows), and a reader of a cropped clip's left edges.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ffmpegMake } from "./match";

export const REFRAME_SOURCE = { w: 640, h: 360, fps: 25, seconds: 8 };
/** Luma per pixel of x in the top rows (0 … 240 over 640 px). */
const SLOPE = 0.375;
const RAMP_ROWS = 200;

export async function buildReframeSource(out: string): Promise<void> {
  const { w, h, fps, seconds } = REFRAME_SOURCE;
  const ball = "lt(abs(X-(320+250*sin(N/20))),14)*lt(abs(Y-280),14)";
  const lum = `if(lt(Y,${RAMP_ROWS}),X*${SLOPE},if(${ball},235,40))`;
  await ffmpegMake([
    ...[
      "-f",
      "lavfi",
      "-i",
      `color=c=black:s=${w}x${h}:r=${fps}:d=${seconds},geq=lum='${lum}':cb=128:cr=128`,
    ],
    ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-g", "25", "-pix_fmt", "yuv420p"],
    ...["-movflags", "+faststart", out],
  ]);
}

/** The left edge (source pixels) of each frame of a crop `w` wide of that source, read from its top rows. */
export async function cropLeftsOf(file: string, w: number): Promise<number[]> {
  const { h } = REFRAME_SOURCE;
  const { stdout } = await promisify(execFile)(
    "ffmpeg",
    ["-v", "error", "-i", file, "-vf", "extractplanes=y", "-f", "rawvideo", "-"],
    { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 },
  );
  const size = w * h;
  const out: number[] = [];
  for (let off = 0; off + size <= stdout.length; off += size) {
    // columns 4–11 of rows 20–180: away from the edge, where the encoder smears least
    let sum = 0;
    for (let y = 20; y < 180; y++) for (let x = 4; x < 12; x++) sum += stdout[off + y * w + x]!;
    out.push(sum / (160 * 8) / SLOPE - 7.5);
  }
  return out;
}
