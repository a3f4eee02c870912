// Pure builders and parsers for the review proxy (job proxy); no process is started here.
// The same -r as the clip cutter (clip-commands.ts), so proxy frame n is the clip's frame n.
import { fpsArg } from "./clip-commands";
import type { FfmpegSpec } from "./media";

export const PROXY_MAX_HEIGHT = 720;
// At 64×36 a hard cut between two broadcasts scores ≈0.35–0.9 and motion inside a shot stays < 0.1.
export const SCENE_THRESHOLD = 0.3;
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

export interface ProxyOutputs {
  video: string;
  shots: string;
  waveform: string;
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

/**
 * One decode of the source feeds the proxy encoder, the shot-cut detector (scene score on a 64×36
 * copy) and, when there is audio, the waveform meter (peak level per 1/10 s), so a 3-hour match is
 * decoded once. setpts makes every time start at 0, as the proxy's and the player's do.
 */
export function proxySpec(input: string, info: ProxyInput, out: ProxyOutputs): FfmpegSpec {
  const rate = fpsArg(info.fps);
  const gop = String(proxyGop(info.fps));
  const video = [
    "[0:v:0]setpts=PTS-STARTPTS,split=2[enc][sc]",
    `[enc]scale=-2:${proxyHeight(info)},setsar=1[vout]`,
    `[sc]scale=64:36,select='gt(scene\\,${SCENE_THRESHOLD})',metadata=print:file=${filterPath(out.shots)},nullsink`,
  ];
  const perPeak = WAVEFORM_SAMPLE_RATE / WAVEFORM_RATE;
  const audio = info.hasAudio
    ? [
        "[0:a:0]asetpts=PTS-STARTPTS,asplit=2[aout][wa]",
        `[wa]aresample=${WAVEFORM_SAMPLE_RATE},asetnsamples=n=${perPeak}:p=0,astats=metadata=1:reset=1,` +
          `ametadata=print:key=lavfi.astats.Overall.Peak_level:file=${filterPath(out.waveform)},anullsink`,
      ]
    : [];
  return {
    input,
    inputOptions: [],
    output: out.video,
    outputOptions: [
      "-filter_complex",
      [...video, ...audio].join(";"),
      "-map",
      "[vout]",
      ...(info.hasAudio ? ["-map", "[aout]", "-c:a", "aac", "-b:a", "128k", "-ac", "2"] : ["-an"]),
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"],
      // Fixed short GOP, no scene-cut keyframes: seek cost is the same everywhere on the timeline.
      ...["-g", gop, "-keyint_min", gop, "-sc_threshold", "0"],
      ...["-fps_mode", "cfr", "-r", rate],
      ...["-movflags", "+faststart", "-sn", "-dn", "-y"],
    ],
  };
}

// `metadata=print` writes "frame:N pts:P pts_time:T" then one "key=value" line per selected frame.
const PTS_TIME = /pts_time:(-?\d+(?:\.\d+)?(?:e-?\d+)?)/;

/** Shot-cut times (s, ascending, de-duplicated to one per frame) from the detector's print file. */
export function parseShots(text: string, fps: number): number[] {
  const frame = 1 / (fps > 0 ? fps : 25);
  const out: number[] = [];
  for (const line of text.split("\n")) {
    const m = PTS_TIME.exec(line);
    if (!m) continue;
    const t = Number(m[1]);
    // The first frame "cuts" from nothing (scene score vs. a blank); it is not an edit.
    if (!Number.isFinite(t) || t < frame / 2) continue;
    if (out.length > 0 && t - out[out.length - 1]! < frame / 2) continue;
    out.push(Math.round(t * 1e4) / 1e4);
  }
  return out.sort((a, b) => a - b);
}

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
