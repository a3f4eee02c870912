// Issue #29: pure builders for the reframe: the grey decode the motion analysis reads, the crop render
// (a sendcmd script moves the crop frame by frame) and the contact sheet with the crop box drawn.
import { GRID_H, GRID_W } from "../reframe/motion";
import { dressGraph, type BrandDress } from "./brand-commands";
import { CLIP_MP4_TAIL, CLIP_VIDEO_CODEC, fpsArg, type FfmpegMultiSpec } from "./clip-commands";
import type { FfmpegSpec } from "./media";

/** The clip as raw 128×72 grey frames, every frame (the analysis works per frame). */
export function greySpec(input: string, output: string): FfmpegSpec {
  return {
    input,
    inputOptions: [],
    output,
    outputOptions: [
      "-map",
      "0:v:0",
      "-vf",
      `scale=${GRID_W}:${GRID_H}:flags=area,format=gray`,
      "-f",
      "rawvideo",
      "-an",
      "-sn",
      "-dn",
      "-y",
    ],
  };
}

/**
 * sendcmd lines that set `filter`'s x to each frame's left edge (pixels), a quarter frame before the
 * frame's time so the float time of frame n never lands after it; a line only where x changes.
 */
export function sendcmdScript(lefts: number[], fps: number, filter: string): string {
  const lines: string[] = [];
  let last = -1;
  lefts.forEach((x, n) => {
    if (x === last) return;
    last = x;
    lines.push(`${Math.max(0, (n - 0.25) / fps).toFixed(6)} ${filter} x ${x};`);
  });
  return lines.join("\n") + "\n";
}

/** The moving crop: a sendcmd script sets its left edge frame by frame. */
const cropFilter = (cmdFile: string, crop: { w: number; h: number; x0: number }) =>
  `sendcmd=f=${cmdFile},crop=w=${crop.w}:h=${crop.h}:x=${crop.x0}:y=0:exact=1`;

/**
 * A branded single clip (any aspect): the same frames as the 16:9 clip, cropped along the path when
 * `crop` is set, then dressed as a reel's segment is (brand-commands.ts: the logo, the lower-third; no
 * cards, so the frame count stays the clip's). The logo image, when there is one, is input 1. The audio
 * is copied as it is.
 */
export function brandedClipSpec(
  input: string,
  crop: { cmdFile: string; w: number; h: number; x0: number } | null,
  dress: { brand: Omit<BrandDress, "logoInput" | "intro" | "outro">; logoPath: string | null },
  o: { fps: number; hasAudio: boolean },
  output: string,
): FfmpegMultiSpec {
  const chain = ["setpts=PTS-STARTPTS", ...(crop ? [cropFilter(crop.cmdFile, crop)] : [])].join(",");
  const g = dressGraph(
    { ...dress.brand, intro: null, outro: null, logoInput: dress.logoPath ? 1 : null },
    // the dress leaves the audio alone: it is copied, not re-encoded
    { fps: fpsArg(o.fps), fpsValue: o.fps, hasAudio: false, segments: 1 },
  );
  return {
    inputs: [
      { input, inputOptions: [] },
      ...(dress.logoPath ? [{ input: dress.logoPath, inputOptions: [] }] : []),
    ],
    output,
    outputOptions: [
      "-filter_complex",
      [`[0:v:0]${chain}[v0]`, ...g.filters].join(";"),
      "-map",
      g.order[0]!.v,
      ...(o.hasAudio ? ["-map", "0:a:0?", "-c:a", "copy"] : ["-an"]),
      ...CLIP_VIDEO_CODEC,
      "-r",
      fpsArg(o.fps),
      "-fps_mode",
      "passthrough",
      ...CLIP_MP4_TAIL,
    ],
  };
}

/**
 * The crop render of a 16:9 clip: the same frames (no trim, same rate), each cropped to `w`×`h` at the
 * left edge its sendcmd line sets; the audio is copied as it is.
 */
export function reframeSpec(
  input: string,
  cmdFile: string,
  crop: { w: number; h: number; x0: number },
  o: { fps: string; hasAudio: boolean },
  output: string,
): FfmpegSpec {
  return {
    input,
    inputOptions: [],
    output,
    outputOptions: [
      "-map",
      "0:v:0",
      ...(o.hasAudio ? ["-map", "0:a:0?", "-c:a", "copy"] : ["-an"]),
      "-vf",
      `setpts=PTS-STARTPTS,${cropFilter(cmdFile, crop)},format=yuv420p`,
      ...CLIP_VIDEO_CODEC,
      "-r",
      o.fps,
      "-fps_mode",
      "passthrough",
      ...CLIP_MP4_TAIL,
    ],
  };
}

/**
 * A contact sheet: one frame a second of the 16:9 clip (frames 0, fps, 2·fps …) with the crop box drawn
 * (its left edge from a sendcmd script for drawbox), 480 px wide tiles, `cols` to a row.
 */
export function sheetSpec(
  input: string,
  cmdFile: string,
  box: { w: number; h: number },
  o: { fps: number; frames: number; cols: number },
  output: string,
): FfmpegSpec {
  const every = Math.max(1, Math.round(o.fps));
  const tiles = Math.max(1, Math.ceil(o.frames / every));
  const cols = Math.min(o.cols, tiles);
  return {
    input,
    inputOptions: [],
    output,
    outputOptions: [
      "-map",
      "0:v:0",
      "-vf",
      [
        // timed by frame index, so the script's lines meet their frames whatever the file's timestamps
        `setpts=N/(${o.fps}*TB)`,
        `sendcmd=f=${cmdFile}`,
        `drawbox@crop=x=0:y=0:w=${box.w}:h=${box.h}:color=yellow:t=${Math.max(4, Math.round(box.h / 90))}`,
        `select=not(mod(n\\,${every}))`,
        "scale=480:-2",
        `drawtext=text='%{eif\\:n*${every}\\:d}':x=8:y=8:fontsize=24:fontcolor=white:box=1:boxcolor=black`,
        `tile=${cols}x${Math.ceil(tiles / cols)}`,
      ].join(","),
      "-frames:v",
      "1",
      "-y",
    ],
  };
}
