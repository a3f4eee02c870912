"use client";

import { useSyncExternalStore } from "react";
import type { Item } from "./editing";
import { frameOf, matchTime, timecode } from "./frames";
import type { PlayheadStore } from "./playhead";

export function describe(i: Item | undefined, fps: number): string {
  if (!i) return "none";
  return `${i.label} ${timecode(i.startS, fps)} → ${timecode(i.endS, fps)} (${frameOf(i.endS, fps) - frameOf(i.startS, fps)} frames)`;
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
