"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ScoreTrack, Segment } from "../../lib/highlights/segments";
import type { TWaveform } from "../../lib/schemas/review";
import { cueAt, type ThumbCue } from "../player/vtt";
import type { Item } from "./editing";
import { timecode } from "./frames";
import type { PlayheadStore } from "./playhead";
import {
  decimate,
  minSpanFor,
  panBy,
  rateTimes,
  rulerTicks,
  span,
  timeToX,
  visibleRange,
  xToTime,
  zoomAt,
  type View,
} from "./timeline-math";

export const CLASS_COLOURS = ["#f59e0b", "#38bdf8", "#a78bfa", "#34d399", "#f472b6", "#facc15"];

const ROWS = { ruler: 18, film: 44, wave: 34, conf: 80, segs: 30 } as const;
const TOP = {
  ruler: 0,
  film: ROWS.ruler,
  wave: ROWS.ruler + ROWS.film,
  conf: ROWS.ruler + ROWS.film + ROWS.wave,
  segs: ROWS.ruler + ROWS.film + ROWS.wave + ROWS.conf,
};
export const TIMELINE_HEIGHT = TOP.segs + ROWS.segs;
const EDGE_PX = 7;

interface Props {
  duration: number;
  fps: number;
  view: View;
  onView: (v: View) => void;
  tracks: { track: ScoreTrack; colour: string }[];
  waveform: TWaveform | null;
  shots: number[];
  thumbs: ThumbCue[];
  items: Item[];
  preview: Segment[];
  selectedId: string | null;
  playhead: PlayheadStore;
  onSeek: (t: number) => void;
  onSelect: (id: string) => void;
  /** an edge dropped at t; `free` (Alt held) turns shot-cut snapping off */
  onEdge: (id: string, edge: "in" | "out", t: number, free: boolean) => void;
  editable: boolean;
}

type Drag =
  | { kind: "edge"; id: string; edge: "in" | "out"; t: number; alt: boolean }
  | { kind: "pan"; x0: number; view0: View; moved: boolean; y: number };

/**
 * Canvas timeline: ruler, filmstrip, waveform, a confidence curve per visible class, highlights (filled)
 * and the live preview (outlined), shot cuts as ticks. Every series is decimated to one min/max pair per
 * pixel column, so a 3-hour match draws as fast as a clip. The playhead is a DOM line moved by the
 * playhead store, not a redraw.
 */
export function Timeline(p: Props) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [sprite, setSprite] = useState<HTMLImageElement | null>(null);
  const minSpan = minSpanFor(width, p.fps);
  const spriteUrl = p.thumbs[0]?.url ?? null;

  useEffect(() => {
    const el = wrap.current!;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (!spriteUrl) return;
    const img = new Image();
    img.onload = () => setSprite(img);
    img.src = spriteUrl;
    return () => {
      img.onload = null;
    };
  }, [spriteUrl]);

  // Playhead: DOM only, at animation-frame rate.
  useEffect(() => {
    const place = () => {
      const t = p.playhead.get();
      const x = timeToX(t, p.view, width);
      if (head.current) {
        head.current.style.transform = `translateX(${x}px)`;
        head.current.style.display = x < -1 || x > width + 1 ? "none" : "block";
      }
      const w = wrap.current;
      if (w) {
        w.setAttribute("aria-valuenow", t.toFixed(3));
        w.setAttribute("aria-valuetext", `${timecode(t, p.fps)}, frame ${Math.floor(t * p.fps + 1e-3)}`);
      }
    };
    place();
    return p.playhead.subscribe(place);
  }, [p.playhead, p.view, width, p.fps]);

  // Draw: only when something drawn changes. The page re-renders for reasons of its own (polls, edits,
  // notices) and hands down fresh callbacks each time; those must not repaint a 3-hour canvas.
  const { view, fps, thumbs, waveform, tracks, shots, items, preview, selectedId } = p;
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(TIMELINE_HEIGHT * dpr);
    const g = c.getContext("2d");
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const t0 = performance.now();
    const args = { view, fps, thumbs, waveform, tracks, shots, items, preview, selectedId };
    const drawn = drawAll(g, { ...args, width, sprite, drag });
    // What is on the canvas, for tests and `npm run measure:review` (a canvas has no DOM to wait for).
    const el = wrap.current!;
    el.dataset.drawn = drawn.layers.join(" ");
    el.dataset.points = String(drawn.points);
    el.dataset.draws = String(Number(el.dataset.draws ?? 0) + 1);
    el.dataset.drawMs = (performance.now() - t0).toFixed(2);
  }, [view, fps, thumbs, waveform, tracks, shots, items, preview, selectedId, width, sprite, drag]);

  // Wheel zooms around the pointer (Shift or a horizontal wheel pans); passive: false to keep the page still.
  const viewRef = useRef(p.view);
  useEffect(() => {
    viewRef.current = p.view;
  }, [p.view]);
  const { onView, duration } = p;
  useEffect(() => {
    const el = wrap.current!;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = viewRef.current;
      const x = e.clientX - el.getBoundingClientRect().left;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const d = (e.deltaX || e.deltaY) / width;
        onView(panBy(v, d * span(v), duration, minSpan));
      } else onView(zoomAt(v, Math.exp(e.deltaY * 0.002), xToTime(x, v, width), duration, minSpan));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [onView, duration, width, minSpan]);

  const timeAt = useCallback(
    (clientX: number) => {
      const r = wrap.current!.getBoundingClientRect();
      return Math.min(p.duration, Math.max(0, xToTime(clientX - r.left, p.view, width)));
    },
    [p.duration, p.view, width],
  );

  const edgeAt = (x: number, y: number): { id: string; edge: "in" | "out" } | null => {
    if (!p.editable || y < TOP.segs) return null;
    let best: { id: string; edge: "in" | "out"; d: number } | null = null;
    for (const i of p.items) {
      for (const edge of ["in", "out"] as const) {
        const d = Math.abs(timeToX(edge === "in" ? i.startS : i.endS, p.view, width) - x);
        if (d <= EDGE_PX && (!best || d < best.d || (d === best.d && i.id === p.selectedId)))
          best = { id: i.id, edge, d };
      }
    }
    return best;
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = wrap.current!.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    e.currentTarget.setPointerCapture(e.pointerId);
    const hit = edgeAt(x, y);
    if (hit) {
      p.onSelect(hit.id);
      setDrag({ kind: "edge", ...hit, t: timeAt(e.clientX), alt: e.altKey });
    } else setDrag({ kind: "pan", x0: e.clientX, view0: p.view, moved: false, y });
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!drag) {
      const r = wrap.current!.getBoundingClientRect();
      const hit = edgeAt(e.clientX - r.left, e.clientY - r.top);
      e.currentTarget.style.cursor = hit ? "ew-resize" : "crosshair";
      return;
    }
    if (drag.kind === "edge") setDrag({ ...drag, t: timeAt(e.clientX), alt: e.altKey });
    else if (Math.abs(e.clientX - drag.x0) > 3 || drag.moved) {
      const dt = ((drag.x0 - e.clientX) / width) * span(drag.view0);
      p.onView(panBy(drag.view0, dt, p.duration, minSpan));
      if (!drag.moved) setDrag({ ...drag, moved: true });
    }
  };

  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag;
    setDrag(null);
    if (!d) return;
    if (d.kind === "edge") return p.onEdge(d.id, d.edge, timeAt(e.clientX), e.altKey);
    if (d.moved) return;
    const t = timeAt(e.clientX);
    if (d.y >= TOP.segs) {
      const hit = p.items.find((i) => t >= i.startS && t <= i.endS);
      if (hit) p.onSelect(hit.id);
    }
    p.onSeek(t);
  };

  return (
    <div
      ref={wrap}
      className="timeline"
      role="slider"
      tabIndex={0}
      aria-label="Timeline. Click to seek, drag to pan, wheel or + and − to zoom; drag a highlight's edge to trim it."
      aria-valuemin={0}
      aria-valuemax={p.duration}
      aria-orientation="horizontal"
      data-testid="timeline"
      data-view-start={p.view.start.toFixed(3)}
      data-view-end={p.view.end.toFixed(3)}
      style={{ height: TIMELINE_HEIGHT }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    >
      <canvas ref={canvas} style={{ width, height: TIMELINE_HEIGHT }} aria-hidden="true" />
      <div ref={head} className="timeline__playhead" aria-hidden="true" />
    </div>
  );
}

interface DrawArgs extends Pick<
  Props,
  "view" | "fps" | "thumbs" | "waveform" | "tracks" | "shots" | "items" | "preview" | "selectedId"
> {
  width: number;
  sprite: HTMLImageElement | null;
  drag: Drag | null;
}

/** Draws every layer; returns the layers that had something to show and the score samples behind the curves. */
function drawAll(g: CanvasRenderingContext2D, a: DrawArgs): { layers: string[]; points: number } {
  const { width: w, view: v } = a;
  const layers = ["ruler"];
  let points = 0;
  g.clearRect(0, 0, w, TIMELINE_HEIGHT);
  g.fillStyle = "#0f172a";
  g.fillRect(0, 0, w, TIMELINE_HEIGHT);
  g.font = "11px system-ui, sans-serif";

  // ruler
  const { ticks, step } = rulerTicks(v, w, 90, 1 / a.fps);
  g.fillStyle = "#94a3b8";
  g.strokeStyle = "#334155";
  g.beginPath();
  for (const t of ticks) {
    const x = Math.round(timeToX(t, v, w)) + 0.5;
    g.moveTo(x, 12);
    g.lineTo(x, TIMELINE_HEIGHT);
    g.fillText(step < 1 ? timecode(t, a.fps) : timecode(t, a.fps).slice(0, 8), x + 3, 11);
  }
  g.stroke();

  // filmstrip: one tile per slot, the tile showing at the slot's middle
  if (a.sprite && a.thumbs.length > 0) {
    const tileW = Math.round((ROWS.film * 16) / 9);
    for (let x = 0; x < w; x += tileW) {
      const cue = cueAt(a.thumbs, xToTime(x + tileW / 2, v, w));
      if (cue) g.drawImage(a.sprite, cue.x, cue.y, cue.w, cue.h, x, TOP.film + 1, tileW - 1, ROWS.film - 2);
    }
    layers.push("film");
  }

  // waveform (mirrored peaks)
  if (a.waveform && a.waveform.peaks.length > 0) {
    const times = rateTimes(a.waveform.peaks.length, a.waveform.rate);
    const cols = decimate(times, a.waveform.peaks, v, w);
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
    layers.push("wave");
  }

  // confidence curves: decimated to a min–max pair per pixel column when denser than the pixels,
  // else a polyline through the samples (and their neighbours just outside the view)
  const y = (s: number) => TOP.conf + ROWS.conf - 2 - s * (ROWS.conf - 4);
  g.lineWidth = 1.5;
  for (const { track, colour } of a.tracks) {
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
  if (points > 0) layers.push("conf");
  g.lineWidth = 1;

  // shot cuts
  g.strokeStyle = "rgba(226, 232, 240, 0.55)";
  g.beginPath();
  for (const s of a.shots) {
    if (s < v.start || s > v.end) continue;
    const x = Math.round(timeToX(s, v, w)) + 0.5;
    g.moveTo(x, TOP.film);
    g.lineTo(x, TOP.film + 6);
    g.moveTo(x, TOP.segs);
    g.lineTo(x, TIMELINE_HEIGHT);
  }
  g.stroke();

  // preview (outlined) then highlights (filled)
  g.setLineDash([4, 3]);
  g.strokeStyle = "#e2e8f0";
  for (const s of a.preview) {
    if (s.end < v.start || s.start > v.end) continue;
    const x0 = timeToX(s.start, v, w);
    g.strokeRect(x0 + 0.5, TOP.segs + 2.5, Math.max(1, timeToX(s.end, v, w) - x0), ROWS.segs - 5);
  }
  g.setLineDash([]);
  for (const i of a.items) {
    let { startS, endS } = i;
    if (a.drag?.kind === "edge" && a.drag.id === i.id) {
      if (a.drag.edge === "in") startS = Math.min(a.drag.t, endS - 1 / a.fps);
      else endS = Math.max(a.drag.t, startS + 1 / a.fps);
    }
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
  if (a.items.length > 0 || a.preview.length > 0) layers.push("segs");
  return { layers, points };
}

const STATUS_FILL: Record<Item["status"], string> = {
  suggested: "rgba(56, 189, 248, 0.55)",
  accepted: "rgba(52, 211, 153, 0.75)",
  edited: "rgba(167, 139, 250, 0.75)",
  rejected: "rgba(148, 163, 184, 0.25)",
};
