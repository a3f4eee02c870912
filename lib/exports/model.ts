import type { Rate } from "./timecode";
import { framesToSeconds, rateOf, secondsToFrames } from "./timecode";

/** What every export reads: the video and its reviewed highlights (rejected ones are left out). */
export interface ExportVideo {
  id: string;
  title: string;
  originalName: string;
  fps: number;
  durationS: number;
  width: number;
  height: number;
  hasAudio: boolean;
}

export interface ExportHighlight {
  id: string;
  label: string;
  status: "suggested" | "accepted" | "edited" | "rejected";
  startS: number;
  endS: number;
  peak: number;
  mean: number;
  /** the editor's name for it (issue #24); absent or blank: "Penalty 2" */
  name?: string | null;
  /** the editor's note; carried into every format that has room for it */
  note?: string | null;
}

/** A highlight snapped to whole frames, numbered per label ("Penalty 2"), in time order. */
export interface ExportItem extends ExportHighlight {
  index: number;
  name: string;
  note: string | null;
  startFrame: number;
  endFrame: number;
}

export interface Prepared {
  video: ExportVideo;
  rate: Rate;
  items: ExportItem[];
}

// Names and notes are one line in every format: CR/LF would start a bogus EDL event or chapter.
export const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, " ").trim();

export const titleCase = (label: string) =>
  label.replace(/[-_]+/g, " ").replace(/^\w/, (c) => c.toUpperCase());

/** Snaps to frames (end exclusive, at least one frame) and drops rejected highlights. */
export function prepare(video: ExportVideo, highlights: ExportHighlight[]): Prepared {
  const rate = rateOf(video.fps);
  const lastFrame = Math.max(1, secondsToFrames(video.durationS, rate));
  const perLabel = new Map<string, number>();
  const items = highlights
    .filter((h) => h.status !== "rejected")
    .sort((a, b) => a.startS - b.startS || a.endS - b.endS)
    .map((h, i) => {
      const startFrame = Math.min(secondsToFrames(h.startS, rate), lastFrame - 1);
      const endFrame = Math.min(Math.max(secondsToFrames(h.endS, rate), startFrame + 1), lastFrame);
      const n = (perLabel.get(h.label) ?? 0) + 1;
      perLabel.set(h.label, n);
      const name = oneLine(h.name ?? "") || `${titleCase(h.label)} ${n}`;
      return { ...h, index: i + 1, name, note: oneLine(h.note ?? "") || null, startFrame, endFrame };
    });
  return { video, rate, items };
}

export const itemSeconds = (it: ExportItem, r: Rate) => ({
  start: framesToSeconds(it.startFrame, r),
  end: framesToSeconds(it.endFrame, r),
});
