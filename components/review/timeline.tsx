"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ScoreTrack, Segment } from "@/lib/highlights/segments";
import type { TWaveform } from "@/lib/schemas/review";
import type { ThumbCue } from "../player/vtt";
import type { Item } from "./editing";
import { timecode } from "./frames";
import type { PlayheadStore } from "./playhead";
import { minSpanFor, panBy, span, timeToX, xToTime, zoomAt, type View } from "./timeline-math";
import { paintTimeline, TIMELINE_HEIGHT, TOP } from "./timeline-paint";

export const CLASS_COLOURS = ["#f59e0b", "#38bdf8", "#a78bfa", "#34d399", "#f472b6", "#facc15"];

const EDGE_PX = 7;

interface Props {
  duration: number;
  fps: number;
  view: View;
  onView: (v: View) => void;
  tracks: { track: ScoreTrack; colour: string }[];
  waveform: TWaveform | null;
  shots: number[];
  /** Ranges the analysis could not decode (issue #16 coverage), drawn as "not analysed". */
  unanalysed: { startS: number; endS: number }[];
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
  const { view, fps, thumbs, waveform, tracks, shots, unanalysed, items, preview, selectedId } = p;
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
    const args = { view, fps, thumbs, waveform, tracks, shots, unanalysed, items, preview, selectedId };
    const edgeDrag = drag?.kind === "edge" ? { id: drag.id, edge: drag.edge, t: drag.t } : null;
    const drawn = paintTimeline(g, { ...args, width, sprite, edgeDrag });
    // What is on the canvas, for tests and `npm run measure:review` (a canvas has no DOM to wait for).
    const el = wrap.current!;
    el.dataset.drawn = drawn.layers.join(" ");
    el.dataset.tracks = tracks.map((t) => t.track.label).join(" ");
    el.dataset.points = String(drawn.points);
    el.dataset.draws = String(Number(el.dataset.draws ?? 0) + 1);
    el.dataset.drawMs = (performance.now() - t0).toFixed(2);
  }, [
    view,
    fps,
    thumbs,
    waveform,
    tracks,
    shots,
    unanalysed,
    items,
    preview,
    selectedId,
    width,
    sprite,
    drag,
  ]);

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
      {/* Below the ruler: at frame zoom a tick label sits right where the playhead is. */}
      <div
        ref={head}
        className="timeline__playhead"
        aria-hidden="true"
        style={{ top: TOP.film, height: TIMELINE_HEIGHT - TOP.film }}
      />
    </div>
  );
}
