"use client";

import { useSyncExternalStore } from "react";
import { frameSpan } from "@/lib/highlights/frame-span";
import type { Item } from "./editing";
import { frameOf, matchTime, timecode } from "./frames";
import type { PlayheadStore } from "./playhead";

/**
 * A highlight as the legend shows it. Its frame count is the clip's and every export's (frameSpan
 * rounds each edge to the nearest frame, as the cutter does); a floor of each edge was one frame short
 * for an untrimmed highlight (312 here, 313 in its clip).
 */
export function describe(i: Item | undefined, fps: number, duration: number): string {
  if (!i) return "none";
  const s = frameSpan(i.startS, i.endS, fps, duration);
  return `${i.label} ${timecode(i.startS, fps)} → ${timecode(i.endS, fps)} (${s.frames} frames)`;
}

/** Timecode of the original (Video.fps), its frame number and the match clock; follows the playhead. */
export function Clock({
  playhead,
  fps,
  duration,
}: {
  playhead: PlayheadStore;
  fps: number;
  duration: number;
}) {
  const t = useSyncExternalStore(playhead.subscribe, playhead.get, () => 0);
  return (
    <p className="review__clock" data-testid="clock" data-time={t.toFixed(3)}>
      <span aria-label="Timecode">{timecode(t, fps)}</span>
      <span>
        frame <span data-testid="frame">{frameOf(t, fps)}</span>
      </span>
      <span className="muted">
        {matchTime(t)} / {matchTime(duration)} · {fps.toFixed(2)} fps
      </span>
    </p>
  );
}
