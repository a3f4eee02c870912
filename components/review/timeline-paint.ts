// The timeline's canvas painter: pure drawing from props to a 2D context, no React, no DOM, so it is
// unit-tested with a recording context (timeline-paint.test.ts).
import type { ScoreTrack, Segment } from "@/lib/highlights/segments";
import type { TWaveform } from "@/lib/schemas/review";
import { cueAt, type ThumbCue } from "../player/vtt";
import type { Item } from "./editing";
import { timecode } from "./frames";
import { decimate, rateTimes, rulerTicks, timeToX, visibleRange, xToTime, type View } from "./timeline-math";

const ROWS = { ruler: 18, film: 44, wave: 34, conf: 80, segs: 30 } as const;
export const TOP = {
  ruler: 0,
  film: ROWS.ruler,
  wave: ROWS.ruler + ROWS.film,
  conf: ROWS.ruler + ROWS.film + ROWS.wave,
  segs: ROWS.ruler + ROWS.film + ROWS.wave + ROWS.conf,
};
export const TIMELINE_HEIGHT = TOP.segs + ROWS.segs;

/** The subset of CanvasRenderingContext2D the painter uses. */
export type Paint2D = Pick<
  CanvasRenderingContext2D,
  | "beginPath"
  | "clearRect"
  | "drawImage"
  | "fillRect"
  | "fillText"
  | "lineTo"
  | "moveTo"
  | "setLineDash"
  | "stroke"
  | "strokeRect"
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "font"
>;

export interface PaintInput {
  view: View;
  fps: number;
  width: number;
  thumbs: ThumbCue[];
  sprite: CanvasImageSource | null;
  waveform: TWaveform | null;
  tracks: { track: ScoreTrack; colour: string }[];
  shots: number[];
  /** Time ranges the analysis could not decode (lib/analysis/coverage.ts). */
  unanalysed: { startS: number; endS: number }[];
  items: Item[];
  preview: Segment[];
  selectedId: string | null;
  /** A highlight edge being dragged: drawn where the pointer is, not where it was saved. */
  edgeDrag: { id: string; edge: "in" | "out"; t: number } | null;
}

export interface Painted {
  /** Layers that had something to show. */
  layers: string[];
  /** Score samples behind the confidence curves. */
  points: number;
}

/** Draws every layer, bottom to top. */
export function paintTimeline(g: Paint2D, a: PaintInput): Painted {
  g.clearRect(0, 0, a.width, TIMELINE_HEIGHT);
  g.fillStyle = "#0f172a";
  g.fillRect(0, 0, a.width, TIMELINE_HEIGHT);
  g.font = "11px system-ui, sans-serif";
  const layers = ["ruler"];
  paintRuler(g, a);
  if (paintFilmstrip(g, a)) layers.push("film");
  if (paintWaveform(g, a)) layers.push("wave");
  const points = paintConfidence(g, a);
  if (points > 0) layers.push("conf");
  if (paintUnanalysed(g, a)) layers.push("gaps");
  paintShots(g, a);
  if (paintSegments(g, a)) layers.push("segs");
  return { layers, points };
}

function paintRuler(g: Paint2D, { view: v, width: w, fps }: PaintInput): void {
  const { ticks, step } = rulerTicks(v, w, 90, 1 / fps);
  g.fillStyle = "#94a3b8";
  g.strokeStyle = "#334155";
  g.beginPath();
  for (const t of ticks) {
    const x = Math.round(timeToX(t, v, w)) + 0.5;
    g.moveTo(x, 12);
    g.lineTo(x, TIMELINE_HEIGHT);
    g.fillText(step < 1 ? timecode(t, fps) : timecode(t, fps).slice(0, 8), x + 3, 11);
  }
  g.stroke();
}

/** One tile per slot, the tile showing at the slot's middle. */
function paintFilmstrip(g: Paint2D, { sprite, thumbs, view: v, width: w }: PaintInput): boolean {
  if (!sprite || thumbs.length === 0) return false;
  const tileW = Math.round((ROWS.film * 16) / 9);
  for (let x = 0; x < w; x += tileW) {
    const cue = cueAt(thumbs, xToTime(x + tileW / 2, v, w));
    if (cue) g.drawImage(sprite, cue.x, cue.y, cue.w, cue.h, x, TOP.film + 1, tileW - 1, ROWS.film - 2);
  }
  return true;
}

/** Mirrored peaks, one min/max column per pixel. */
function paintWaveform(g: Paint2D, { waveform, view: v, width: w }: PaintInput): boolean {
  if (!waveform || waveform.peaks.length === 0) return false;
  const times = rateTimes(waveform.peaks.length, waveform.rate);
  const cols = decimate(times, waveform.peaks, v, w);
  const mid = TOP.wave + ROWS.wave / 2;
  g.strokeStyle = "#64748b";
  g.beginPath();
  for (let x = 0; x < cols.max.length; x++) {
    const m = cols.max[x]!;
    if (Number.isNaN(m)) continue;
    const h = Math.max(0.5, (m * ROWS.wave) / 2 - 1);
    g.moveTo(x + 0.5, mid - h);
    g.lineTo(x + 0.5, mid + h);
  }
  g.stroke();
  return true;
}

/**
 * Confidence curves: decimated to a min–max pair per pixel column when denser than the pixels, else a
 * polyline through the samples (and their neighbours just outside the view). Returns the samples drawn from.
 */
function paintConfidence(g: Paint2D, { tracks, view: v, width: w }: PaintInput): number {
  const y = (s: number) => TOP.conf + ROWS.conf - 2 - s * (ROWS.conf - 4);
  let points = 0;
  g.lineWidth = 1.5;
  for (const { track, colour } of tracks) {
    g.strokeStyle = colour;
    g.beginPath();
    const { from, to } = visibleRange(track.times, v);
    if (to - from > w) {
      const cols = decimate(track.times, track.scores, v, w);
      let open = false;
      for (let x = 0; x < cols.max.length; x++) {
        const hi = cols.max[x]!;
        if (Number.isNaN(hi)) continue;
        if (!open) g.moveTo(x + 0.5, y(cols.min[x]!));
        else g.lineTo(x + 0.5, y(cols.min[x]!));
        g.lineTo(x + 0.5, y(hi));
        open = true;
      }
    } else {
      for (let i = from; i < to; i++) {
        const x = timeToX(track.times[i]!, v, w);
        if (i === from) g.moveTo(x, y(track.scores[i] ?? 0));
        else g.lineTo(x, y(track.scores[i] ?? 0));
      }
    }
    g.stroke();
    points += track.times.length;
  }
  g.lineWidth = 1;
  return points;
}

/**
 * Where the analysis saw nothing: a hatched band over the confidence row, labelled, so an empty curve
 * there is not read as "no highlight" (a file cut short used to look analysed to its end).
 */
function paintUnanalysed(g: Paint2D, { unanalysed, view: v, width: w }: PaintInput): boolean {
  let drawn = false;
  for (const gap of unanalysed) {
    if (gap.endS < v.start || gap.startS > v.end) continue;
    const x0 = Math.max(0, timeToX(gap.startS, v, w));
    const x1 = Math.min(w, timeToX(gap.endS, v, w));
    g.fillStyle = "rgba(226, 176, 74, 0.18)";
    g.fillRect(x0, TOP.conf, Math.max(1, x1 - x0), ROWS.conf);
    g.strokeStyle = "rgba(226, 176, 74, 0.6)";
    g.beginPath();
    for (let x = x0 - ROWS.conf; x < x1; x += 8) {
      g.moveTo(Math.max(x0, x), TOP.conf + ROWS.conf - Math.max(0, x0 - x));
      g.lineTo(Math.min(x1, x + ROWS.conf), TOP.conf + Math.max(0, x + ROWS.conf - x1));
    }
    g.stroke();
    g.fillStyle = "#e2b04a";
    if (x1 - x0 > 80) g.fillText("not analysed", x0 + 4, TOP.conf + 12);
    drawn = true;
  }
  return drawn;
}

function paintShots(g: Paint2D, { shots, view: v, width: w }: PaintInput): void {
  g.strokeStyle = "rgba(226, 232, 240, 0.55)";
  g.beginPath();
  for (const s of shots) {
    if (s < v.start || s > v.end) continue;
    const x = Math.round(timeToX(s, v, w)) + 0.5;
    g.moveTo(x, TOP.film);
    g.lineTo(x, TOP.film + 6);
    g.moveTo(x, TOP.segs);
    g.lineTo(x, TIMELINE_HEIGHT);
  }
  g.stroke();
}

/** The live preview (outlined), then the highlights (filled; the selected one with handles). */
function paintSegments(g: Paint2D, a: PaintInput): boolean {
  const { view: v, width: w } = a;
  g.setLineDash([4, 3]);
  g.strokeStyle = "#e2e8f0";
  for (const s of a.preview) {
    if (s.end < v.start || s.start > v.end) continue;
    const x0 = timeToX(s.start, v, w);
    g.strokeRect(x0 + 0.5, TOP.segs + 2.5, Math.max(1, timeToX(s.end, v, w) - x0), ROWS.segs - 5);
  }
  g.setLineDash([]);
  for (const i of a.items) {
    const { startS, endS } = draggedBounds(i, a.edgeDrag, a.fps);
    if (endS < v.start || startS > v.end) continue;
    const x0 = timeToX(startS, v, w);
    const x1 = timeToX(endS, v, w);
    g.fillStyle = STATUS_FILL[i.status];
    g.fillRect(x0, TOP.segs + 6, Math.max(2, x1 - x0), ROWS.segs - 12);
    if (i.id === a.selectedId) {
      g.strokeStyle = "#fbbf24";
      g.lineWidth = 2;
      g.strokeRect(x0, TOP.segs + 5, Math.max(2, x1 - x0), ROWS.segs - 10);
      g.lineWidth = 1;
      g.fillStyle = "#fbbf24";
      g.fillRect(x0 - 2, TOP.segs + 3, 4, ROWS.segs - 6);
      g.fillRect(x1 - 2, TOP.segs + 3, 4, ROWS.segs - 6);
    }
  }
  return a.items.length > 0 || a.preview.length > 0;
}

/** A dragged edge stays at least one frame away from the other. */
export function draggedBounds(i: Item, drag: PaintInput["edgeDrag"], fps: number) {
  let { startS, endS } = i;
  if (drag && drag.id === i.id) {
    if (drag.edge === "in") startS = Math.min(drag.t, endS - 1 / fps);
    else endS = Math.max(drag.t, startS + 1 / fps);
  }
  return { startS, endS };
}

export const STATUS_FILL: Record<Item["status"], string> = {
  suggested: "rgba(56, 189, 248, 0.55)",
  accepted: "rgba(52, 211, 153, 0.75)",
  edited: "rgba(167, 139, 250, 0.75)",
  rejected: "rgba(148, 163, 184, 0.25)",
};
