"use client";

import { useCallback, useEffect, useRef } from "react";
import type Player from "video.js/dist/types/player";
import type { PlayheadStore } from "./playhead";
import { rateOf, stopped, type Shuttle } from "./shuttle";

/**
 * Drives the video.js player for the review room: feeds the playhead store (every animation frame while
 * playing), J/K/L shuttle including reverse, and "play this range then stop" for play-in-place.
 */
export function useTransport(playhead: PlayheadStore, fps: number) {
  const player = useRef<Player | null>(null);
  // --- player ---
  const shuttle = useRef<Shuttle>(stopped);
  const reverseTimer = useRef<number | null>(null);
  const stopAt = useRef<number | null>(null);
  const detach = useRef<(() => void) | null>(null);

  const stopReverse = () => {
    if (reverseTimer.current !== null) window.clearInterval(reverseTimer.current);
    reverseTimer.current = null;
  };

  const onPlayer = useCallback(
    (p: Player | null) => {
      detach.current?.();
      detach.current = null;
      player.current = p;
      if (!p) return;
      let raf = 0;
      const read = () => playhead.set(p.currentTime() ?? 0);
      const loop = () => {
        read();
        if (stopAt.current !== null && (p.currentTime() ?? 0) >= stopAt.current) {
          stopAt.current = null;
          p.pause();
        }
        raf = requestAnimationFrame(loop);
      };
      const onPlay = () => {
        cancelAnimationFrame(raf);
        raf = requestAnimationFrame(loop);
      };
      const onPause = () => {
        cancelAnimationFrame(raf);
        read();
      };
      p.on(["timeupdate", "seeking", "seeked", "loadedmetadata"], read);
      p.on("play", onPlay);
      p.on("pause", onPause);
      detach.current = () => {
        cancelAnimationFrame(raf);
        p.off(["timeupdate", "seeking", "seeked", "loadedmetadata"], read);
        p.off("play", onPlay);
        p.off("pause", onPause);
      };
    },
    [playhead],
  );
  useEffect(() => () => stopReverse(), []);

  const setShuttle = (s: Shuttle) => {
    shuttle.current = s;
    const p = player.current;
    if (!p) return;
    stopReverse();
    const rate = rateOf(s);
    if (rate > 0) {
      p.playbackRate(rate);
      void p.play();
    } else {
      p.pause();
      p.playbackRate(1);
      // Browsers do not play backwards (negative playbackRate); step the position instead.
      if (rate < 0) {
        const tick = 1000 / Math.min(fps, 30);
        reverseTimer.current = window.setInterval(() => {
          const t = Math.max(0, (p.currentTime() ?? 0) + (rate * tick) / 1000);
          p.currentTime(t);
          playhead.set(t);
          if (t <= 0) setShuttle(stopped);
        }, tick);
      }
    }
  };

  return { player, onPlayer, shuttle, stopAt, setShuttle };
}
