// Pure builders and parsers for the review proxy (job proxy) and the waveform (job waveform); no process
// is started here.
// The same -r as the clip cutter (clip-commands.ts), so proxy frame n is the clip's frame n.
import { fpsArg } from "./clip-commands";
import type { FfmpegSpec } from "./media";

export const PROXY_MAX_HEIGHT = 720;
// Waveform resolution: 10 peaks per second is one per 2–3 px at the timeline's frame-level zoom.
export const WAVEFORM_RATE = 10;
const WAVEFORM_SAMPLE_RATE = 8000;

export interface ProxyInput {
  width: number;
  height: number;
  rotation: number;
  fps: number;
  hasAudio: boolean;
}

/** Keyframe every ~0.5 s: the browser decodes at most that much to land on any frame. */
export function proxyGop(fps: number): number {
  return Math.max(1, Math.round(fps / 2));
}

/** Output height: the displayed height (ffmpeg autorotates first), capped, and even for yuv420p. */
export function proxyHeight(input: Pick<ProxyInput, "width" | "height" | "rotation">): number {
  const shown = input.rotation % 180 === 0 ? input.height : input.width;
  const h = Math.min(PROXY_MAX_HEIGHT, shown);
  return Math.max(2, h - (h % 2));
}

// Filter option values are parsed by two levels of ffmpeg escaping; temp-dir paths have none of
// these characters, but a configured TMPDIR might.
export function filterPath(p: string): string {
  return p.replace(/[\\':,;[\]]/g, (c) => `\\${c}`);
}

// Issue #25: a proxy only where the browser cannot play the source well, made in pieces: each piece is
// one HLS segment (MPEG-TS) of PROXY_PIECE_S seconds, encoded by a job of its own, so a background
// encode yields its CPU slot between pieces and the player plays the pieces that exist.
export const PROXY_PIECE_S = 60;

export function proxyPieceCount(durationS: number): number {
  return Math.max(1, Math.ceil(durationS / PROXY_PIECE_S - 1e-9));
}

/** Piece i's span [startS, startS + durationS) of the source's timeline (from 0). */
export function proxyPieceSpan(index: number, durationS: number): { startS: number; durationS: number } {
  const startS = index * PROXY_PIECE_S;
  return { startS, durationS: Math.max(0, Math.min(PROXY_PIECE_S, durationS - startS)) };
}

/**
 * One piece: an accurate input seek to its start, ≤720p H.264 with a keyframe every ~0.5 s at the
 * source's frame rate, AAC stereo, and timestamps offset to where the piece sits in the match, so the
 * pieces play as one timeline (the HLS playlist, lib/videos/proxy-playlist.ts).
 */
export function proxyPieceSpec(
  input: string,
  info: ProxyInput,
  span: { startS: number; durationS: number },
  output: string,
): FfmpegSpec {
  const gop = String(proxyGop(info.fps));
  const at = (s: number) => String(Math.round(s * 1e6) / 1e6);
  return {
    input,
    // Always an input seek, 0 included: without one, an MP4 whose edit list starts past decoded frames
    // (pre-roll) has the output -t counted from those frames, and a 7-s clip's piece held 2.76 s.
    inputOptions: ["-ss", at(span.startS)],
    output,
    outputOptions: [
      ...["-t", at(span.durationS), "-map", "0:v:0"],
      ...(info.hasAudio ? ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"] : ["-an"]),
      ...["-vf", `scale=-2:${proxyHeight(info)},setsar=1`],
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"],
      // Fixed short GOP, no scene-cut keyframes: seek cost is the same everywhere on the timeline.
      ...["-g", gop, "-keyint_min", gop, "-sc_threshold", "0"],
      ...["-fps_mode", "cfr", "-r", fpsArg(info.fps)],
      ...["-output_ts_offset", at(span.startS), "-muxdelay", "0", "-muxpreload", "0"],
      ...["-f", "mpegts", "-sn", "-dn", "-y"],
    ],
  };
}

/**
 * A source whose only fault is the MP4 index at the end (playable.ts, mode "remux"): the video and the
 * first audio track copied as they are into an MP4 with the index first. No decode and no encode, so it
 * costs about a read of the file, and the frames and timestamps are the source's own.
 */
export function remuxSpec(input: string, hasAudio: boolean, output: string): FfmpegSpec {
  return {
    input,
    inputOptions: [],
    output,
    outputOptions: [
      ...["-map", "0:v:0", ...(hasAudio ? ["-map", "0:a:0"] : [])],
      ...["-c", "copy", "-sn", "-dn", "-movflags", "+faststart", "-f", "mp4", "-y"],
    ],
  };
}

/** The waveform from an audio-only pass (no video decode): peak level per 1/WAVEFORM_RATE s. */
export function waveformSpec(input: string, output: string): FfmpegSpec {
  const perPeak = WAVEFORM_SAMPLE_RATE / WAVEFORM_RATE;
  return {
    input,
    inputOptions: [],
    output: "-",
    outputOptions: [
      ...["-map", "0:a:0", "-vn", "-sn", "-dn"],
      "-af",
      `asetpts=PTS-STARTPTS,aresample=${WAVEFORM_SAMPLE_RATE},asetnsamples=n=${perPeak}:p=0,` +
        `astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.Peak_level:file=${filterPath(output)}`,
      ...["-f", "null"],
    ],
  };
}

// `metadata=print` writes "frame:N pts:P pts_time:T" then one "key=value" line per selected frame.
const PTS_TIME = /pts_time:(-?\d+(?:\.\d+)?(?:e-?\d+)?)/;

/**
 * Peaks (0..1, linear) at WAVEFORM_RATE per second from astats' Peak_level lines (dBFS; "-inf" is
 * silence). Indexed by time, so a gap in the audio stays a gap instead of shifting what follows.
 */
export function parseWaveform(text: string, durationS: number): number[] {
  const n = Math.max(0, Math.ceil(durationS * WAVEFORM_RATE));
  const peaks = new Array<number>(n).fill(0);
  let t: number | null = null;
  for (const line of text.split("\n")) {
    const m = PTS_TIME.exec(line);
    if (m) {
      t = Number(m[1]);
      continue;
    }
    const eq = line.indexOf("=");
    if (t === null || eq < 0 || !line.includes("Peak_level")) continue;
    const db = Number.parseFloat(line.slice(eq + 1));
    const i = Math.round(t * WAVEFORM_RATE);
    if (i >= 0 && i < n) peaks[i] = Number.isFinite(db) ? Math.min(1, 10 ** (db / 20)) : 0;
    t = null;
  }
  return peaks.map((p) => Math.round(p * 1000) / 1000);
}
