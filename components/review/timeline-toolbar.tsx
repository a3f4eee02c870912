"use client";

import type { Dispatch, SetStateAction } from "react";
import type { ScoreTrack } from "@/lib/highlights/segments";
import type { PlayheadStore } from "./playhead";
import { CLASS_COLOURS } from "./timeline";
import { zoomAt, type View } from "./timeline-math";

interface Props {
  duration: number;
  minSpan: number;
  playhead: PlayheadStore;
  wholeMatch: View;
  setView: Dispatch<SetStateAction<View>>;
  tracks: ScoreTrack[];
  shown: Set<string>;
  setShown: Dispatch<SetStateAction<Set<string>>>;
}

/** Zoom buttons and the per-class curve toggles above the timeline. */
export function TimelineToolbar({ duration, minSpan, playhead, wholeMatch, setView, tracks, ...p }: Props) {
  const toggle = (label: string, on: boolean) =>
    p.setShown((s) => {
      const next = new Set(s);
      if (on) next.add(label);
      else next.delete(label);
      return next;
    });
  return (
    <div className="actions review__toolbar" role="toolbar" aria-label="Timeline">
      <button
        type="button"
        className="button"
        onClick={() => setView((v) => zoomAt(v, 0.5, playhead.get(), duration, minSpan))}
        aria-label="Zoom in"
        aria-keyshortcuts="+"
      >
        +
      </button>
      <button
        type="button"
        className="button"
        onClick={() => setView((v) => zoomAt(v, 2, playhead.get(), duration, minSpan))}
        aria-label="Zoom out"
        aria-keyshortcuts="-"
      >
        −
      </button>
      <button type="button" className="button" onClick={() => setView(wholeMatch)}>
        Whole match
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          const t = playhead.get();
          setView(zoomAt({ start: t - 1, end: t + 1 }, 0, t, duration, minSpan));
        }}
      >
        Frames
      </button>
      {tracks.map((t, i) => (
        <label
          key={t.label}
          className="review__class"
          style={{ color: CLASS_COLOURS[i % CLASS_COLOURS.length] }}
        >
          <input
            type="checkbox"
            checked={p.shown.has(t.label)}
            onChange={(e) => toggle(t.label, e.currentTarget.checked)}
          />{" "}
          {t.label}
        </label>
      ))}
    </div>
  );
}
