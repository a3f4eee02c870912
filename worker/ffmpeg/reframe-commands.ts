// Issue #29: pure builders for the reframe: the grey decode the motion analysis reads, the crop render
// (a sendcmd script moves the crop frame by frame) and the contact sheet with the crop box drawn.
import { GRID_H, GRID_W } from "../reframe/motion";
import { CLIP_MP4_TAIL, CLIP_VIDEO_CODEC } from "./clip-commands";
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
      `setpts=PTS-STARTPTS,sendcmd=f=${cmdFile},crop=w=${crop.w}:h=${crop.h}:x=${crop.x0}:y=0:exact=1,format=yuv420p`,
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
