// Pure builders for clip, reel and filmstrip ffmpeg invocations (unit-tested as exact arrays).
import { frameSpan } from "@/lib/highlights/frame-span";
import { dressGraph, type BrandDress } from "./brand-commands";
import type { FfmpegSpec } from "./media";

/** A highlight snapped to whole source frames: frames [startFrame, endFrame), end exclusive. */
export interface CutPlan {
  startFrame: number;
  frames: number;
  /** where the input seek lands: frame startFrame's time, rounded DOWN to the microsecond */
  seekS: number;
  /** exact clip length, frames / fps */
  durationS: number;
}

export interface FfmpegMultiSpec {
  inputs: { input: string; inputOptions: string[] }[];
  output: string;
  outputOptions: string[];
  niceness?: number;
}

export function planCut(startS: number, endS: number, fps: number, sourceDurationS: number): CutPlan {
  if (!(fps > 0) || !Number.isFinite(fps)) throw new RangeError(`invalid frame rate ${fps}`);
  if (!(endS > startS) || startS < 0) throw new RangeError(`invalid span ${startS}–${endS}`);
  // The same frames the review room and the exports count (312 here must be 312 there).
  const { startFrame, frames } = frameSpan(startS, endS, fps, sourceDurationS);
  // Rounding down keeps frame startFrame on the kept side of ffmpeg's accurate seek (pts >= seek) while
  // frame startFrame-1 is a whole frame earlier: the first frame is exact whatever the float error.
  return { startFrame, frames, seekS: Math.floor((startFrame / fps) * 1e6) / 1e6, durationS: frames / fps };
}

const s6 = (x: number) => x.toFixed(6);
const isUrl = (input: string) => /^https?:\/\//i.test(input);

// One reconnecting range reader per presigned URL (a dropped S3 socket must not fail a long cut).
const netOptions = (input: string) =>
  isUrl(input) ? ["-reconnect", "1", "-reconnect_on_network_error", "1", "-reconnect_delay_max", "5"] : [];

/**
 * Input side of one cut: seek before -i (fast: jumps to the keyframe before, then decodes and drops
 * up to the seek point, which makes it frame-accurate), and read one frame more than needed so the
 * trims below, not the demuxer, decide where it ends.
 */
function cutInput(input: string, plan: CutPlan, fps: number) {
  return {
    input,
    inputOptions: [...netOptions(input), "-ss", s6(plan.seekS), "-t", s6(plan.durationS + 1 / fps)],
  };
}

/** Per-input trims: exactly `frames` video frames and exactly durationS of audio, both from 0. */
function cutFilters(i: number, plan: CutPlan, hasAudio: boolean): string[] {
  const f = [`[${i}:v:0]trim=end_frame=${plan.frames},setpts=PTS-STARTPTS,format=yuv420p[v${i}]`];
  if (hasAudio) f.push(`[${i}:a:0]atrim=end=${s6(plan.durationS)},asetpts=PTS-STARTPTS[a${i}]`);
  return f;
}

// H.264 High + AAC in MP4 with the index up front: plays in every browser and imports into every NLE.
// Rotation: ffmpeg's autorotate (on by default) turns the picture upright before our filters and
// writes no rotation tag, so players and NLEs agree on the orientation.
// The picture settings every delivered clip shares (the 16:9 cut and its reframed aspects).
export const CLIP_VIDEO_CODEC = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18"];
// No subtitle, data or source metadata; the index up front (plays while it downloads).
export const CLIP_MP4_TAIL = ["-sn", "-dn", "-map_metadata", "-1", "-movflags", "+faststart", "-y"];

const encodeOptions = (hasAudio: boolean, fps: number) => [
  ...CLIP_VIDEO_CODEC,
  "-r",
  fpsArg(fps),
  ...(hasAudio ? ["-c:a", "aac", "-b:a", "192k"] : ["-an"]),
  ...CLIP_MP4_TAIL,
];

// ffmpeg wants NTSC rates as fractions, or it writes 2997/100 and the MP4 time base drifts.
export function fpsArg(fps: number): string {
  for (const n of [24, 30, 48, 60]) if (Math.abs(fps - (n * 1000) / 1001) < 0.005) return `${n * 1000}/1001`;
  return Number.isInteger(fps) ? String(fps) : fps.toFixed(3);
}

export function clipSpec(
  input: string,
  plan: CutPlan,
  o: { fps: number; hasAudio: boolean },
  output: string,
): FfmpegSpec {
  const { inputOptions } = cutInput(input, plan, o.fps);
  const maps = o.hasAudio ? ["-map", "[v0]", "-map", "[a0]"] : ["-map", "[v0]"];
  return {
    input,
    inputOptions,
    output,
    outputOptions: [
      "-filter_complex",
      cutFilters(0, plan, o.hasAudio).join(";"),
      ...maps,
      ...encodeOptions(o.hasAudio, o.fps),
    ],
  };
}

/**
 * The reel: every segment cut from the source with the same exact trims as a clip, then joined with
 * the concat filter and encoded once (first-generation quality, no drift at the joins). With `dress`
 * the brand goes on each cut segment and the cards join the concat (brand-commands.ts); the logo image,
 * when there is one, is the input after the segments, and chapters (an ffmetadata file) the one after.
 */
export function reelSpec(
  input: string,
  plans: CutPlan[],
  o: { fps: number; hasAudio: boolean },
  output: string,
  dress?: { brand: Omit<BrandDress, "logoInput">; logoPath: string | null; chaptersPath?: string },
): FfmpegMultiSpec {
  if (plans.length === 0) throw new RangeError("a reel needs at least one segment");
  const cuts = plans.flatMap((p, i) => cutFilters(i, p, o.hasAudio));
  const inputs = plans.map((p) => cutInput(input, p, o.fps));
  let order = plans.map((_, i) => ({ v: `[v${i}]`, a: o.hasAudio ? `[a${i}]` : null }));
  let dressing: string[] = [];
  const extra: string[] = [];
  let encode = encodeOptions(o.hasAudio, o.fps);
  if (dress) {
    const logoInput = dress.logoPath ? inputs.length : null;
    if (dress.logoPath) inputs.push({ input: dress.logoPath, inputOptions: [] });
    if (dress.chaptersPath) {
      const at = String(inputs.length);
      extra.push("-map_chapters", at);
      // The chapter titles ride on metadata: take it from the ffmetadata file (which has no global tags),
      // not "-1", which would drop the titles too (ffmpeg 5.1).
      encode = encode.map((a, i) => (a === "-1" && encode[i - 1] === "-map_metadata" ? at : a));
      inputs.push({ input: dress.chaptersPath, inputOptions: ["-f", "ffmetadata"] });
    }
    const g = dressGraph(
      { ...dress.brand, logoInput },
      { fps: fpsArg(o.fps), fpsValue: o.fps, hasAudio: o.hasAudio, segments: plans.length },
    );
    dressing = g.filters;
    order = g.order;
  }
  const pads = order.map((p) => `${p.v}${p.a ?? ""}`).join("");
  const graph = [
    ...cuts,
    ...dressing,
    `${pads}concat=n=${order.length}:v=1:a=${o.hasAudio ? 1 : 0}${o.hasAudio ? "[v][a]" : "[v]"}`,
  ].join(";");
  return {
    inputs,
    output,
    outputOptions: [
      "-filter_complex",
      graph,
      "-map",
      "[v]",
      ...(o.hasAudio ? ["-map", "[a]"] : []),
      ...extra,
      ...encode,
    ],
  };
}

export const TILE_W = 160;
export const TILE_H = 90;
const MAX_TILES = 1000;

export interface FilmstripPlan {
  intervalS: number;
  count: number;
  cols: number;
  rows: number;
}

/** Every intervalS seconds (grown for very long videos so one sprite stays under MAX_TILES tiles). */
export function planFilmstrip(durationS: number, intervalS = 10, cols = 10): FilmstripPlan {
  if (!(durationS > 0)) throw new RangeError(`invalid duration ${durationS}`);
  const interval = Math.max(intervalS, Math.ceil(durationS / MAX_TILES));
  const count = Math.max(1, Math.ceil(durationS / interval - 1e-9));
  const c = Math.min(cols, count);
  return { intervalS: interval, count, cols: c, rows: Math.ceil(count / c) };
}

export function filmstripSpec(input: string, plan: FilmstripPlan, output: string): FfmpegSpec {
  // The first frame of each interval. Not the fps filter: at rates under 1/s it emits nothing for a
  // video shorter than its period (ffmpeg 5.1), and its rounding lands tiles up to half an interval off.
  const every = plan.intervalS;
  const vf = [
    `select=isnan(prev_selected_t)+gte(floor(t/${every})-floor(prev_selected_t/${every})\\,1)`,
    `scale=${TILE_W}:${TILE_H}:force_original_aspect_ratio=decrease`,
    `pad=${TILE_W}:${TILE_H}:(ow-iw)/2:(oh-ih)/2:black`,
    `tile=${plan.cols}x${plan.rows}`,
  ].join(",");
  return {
    input,
    inputOptions: netOptions(input),
    output,
    outputOptions: ["-map", "0:v:0", "-vf", vf, "-frames:v", "1", "-q:v", "5", "-an", "-sn", "-dn", "-y"],
  };
}

/** WebVTT thumbnail track: one cue per tile, pointing into the sprite with a media fragment. */
export function filmstripVtt(plan: FilmstripPlan, durationS: number, spriteRef: string): string {
  const t = (s: number) => {
    const ms = Math.round(s * 1000);
    const h = Math.floor(ms / 3_600_000);
    const m = Math.floor(ms / 60_000) % 60;
    const sec = Math.floor(ms / 1000) % 60;
    return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}.${String(ms % 1000).padStart(3, "0")}`;
  };
  const cues = Array.from({ length: plan.count }, (_, i) => {
    const x = (i % plan.cols) * TILE_W;
    const y = Math.floor(i / plan.cols) * TILE_H;
    const end = Math.min((i + 1) * plan.intervalS, durationS);
    return `${t(i * plan.intervalS)} --> ${t(end)}\n${spriteRef}#xywh=${x},${y},${TILE_W},${TILE_H}`;
  });
  return `WEBVTT\n\n${cues.join("\n\n")}\n`;
}
