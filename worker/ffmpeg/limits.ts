import { clock } from "@/lib/clock";

// Bounds on the work one upload may ask for (issue #16), checked on ffprobe's facts before anything is
// planned: a 12 kB file with two frames a day apart used to plan 289 chunks.

export interface ProbeLimits {
  /** MAX_VIDEO_DURATION_S */
  maxDurationS: number;
  /** MIN_VIDEO_FPS: fewer frames per second of timeline than this means broken timestamps. */
  minFps: number;
  /** MIN_VIDEO_SIDE_PX: a narrower or lower picture holds nothing the model can see. */
  minSidePx: number;
}

function every(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}

/**
 * The reason a probed video is refused, or null. The frame check comes first: a file whose timestamps
 * jump a day is broken, not long. `frames` is the container's count, or null where it keeps none (then
 * ffprobe's average rate stands in).
 */
export function limitRefusal(
  info: { durationS: number; fps: number; width: number; height: number },
  frames: number | null,
  avgFps: number,
  limits: ProbeLimits,
): string | null {
  const rate = frames !== null ? frames / info.durationS : avgFps;
  if (Number.isFinite(rate) && rate < limits.minFps) {
    const count = frames !== null ? `only ${frames} frame${frames === 1 ? "" : "s"}` : "too few frames";
    return (
      `${count} in ${clock(info.durationS)} of video (one every ${every(1 / rate)}): ` +
      `its timestamps are broken or it is a slideshow (limit: ${limits.minFps} frames per second, MIN_VIDEO_FPS)`
    );
  }
  // Issue #23: a 1×1 video was analysed (a "penalty" at 0.89 on a scaled-up dot), and its clip failed.
  if (Math.min(info.width, info.height) < limits.minSidePx) {
    const min = limits.minSidePx;
    return (
      `the picture is ${info.width}×${info.height} pixels, too small to analyse ` +
      `(the smallest taken is ${min}×${min}, MIN_VIDEO_SIDE_PX)`
    );
  }
  if (info.durationS > limits.maxDurationS)
    return `the video is ${clock(info.durationS)} long; the limit is ${clock(limits.maxDurationS)} (MAX_VIDEO_DURATION_S)`;
  return null;
}
