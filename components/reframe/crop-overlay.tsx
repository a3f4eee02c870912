"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { boxLeft, movedLeft, pictureRect } from "./crop-geometry";
import type { THighlightDto } from "@/lib/schemas/highlights";

const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

interface Props {
  crop: THighlightDto["crop"];
  /** the crop's width as a share of the picture's */
  share: number;
  fps: number;
  frame: number;
  video: { width: number | null; height: number | null };
  aspect: string;
  /** null: the viewer may look, not move it */
  onMove: ((frame: number, left: number) => void) | null;
}

/**
 * The crop box over the player: the picture outside it shaded, the box where the render will crop this
 * frame. An editor drags its handle (or focuses it and presses ←/→) to put the crop there at this
 * moment; the keyframe is stored when the drag ends.
 */
export function CropOverlay({ crop, share, fps, frame, video, aspect, onMove }: Props) {
  const area = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x0: number; left0: number; px: number; frame: number } | null>(null);
  const [dragLeft, setDragLeft] = useState<number | null>(null);
  const rect = pictureRect(video.width, video.height);
  const left = dragLeft ?? boxLeft(crop, fps, frame, share);
  const centre = Math.round((left + share / 2) * 100);

  const start = (e: PointerEvent<HTMLDivElement>) => {
    if (!onMove || !area.current) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x0: e.clientX, left0: left, px: area.current.getBoundingClientRect().width, frame };
    setDragLeft(left);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) setDragLeft(movedLeft(d.left0, (e.clientX - d.x0) / Math.max(1, d.px), share));
  };
  const end = () => {
    const d = drag.current;
    drag.current = null;
    if (d && onMove && dragLeft !== null && Math.abs(dragLeft - d.left0) > 1e-4) onMove(d.frame, dragLeft);
    setDragLeft(null);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!onMove || (e.key !== "ArrowLeft" && e.key !== "ArrowRight")) return;
    // the room's own arrow shortcuts (frame steps) skip an event handled here
    e.preventDefault();
    const step = (e.shiftKey ? 0.05 : 0.01) * (e.key === "ArrowLeft" ? -1 : 1);
    onMove(frame, movedLeft(left, step, share));
  };

  return (
    <div
      ref={area}
      className="crop-overlay"
      style={{ left: pct(rect.left), top: pct(rect.top), width: pct(rect.width), height: pct(rect.height) }}
      data-testid="crop-overlay"
      data-left={left.toFixed(4)}
      data-frame={frame}
    >
      <div className="crop-overlay__shade" style={{ left: 0, width: pct(left) }} />
      <div className="crop-overlay__shade" style={{ left: pct(left + share), right: 0 }} />
      <div
        className={`crop-overlay__box${crop.locked ? " crop-overlay__box--locked" : ""}`}
        style={{ left: pct(left), width: pct(share) }}
        data-testid="crop-box"
      >
        <span className="crop-overlay__tag" aria-hidden="true">
          {aspect}
          {crop.locked ? " · locked" : ""}
        </span>
        {onMove ? (
          <div
            className="crop-overlay__grab"
            role="slider"
            tabIndex={0}
            aria-label={`Crop position (${aspect}) at this frame`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={centre}
            aria-valuetext={`centre at ${centre} % of the width`}
            title="Drag to move the crop at this moment (← → with the keyboard)"
            onPointerDown={start}
            onPointerMove={move}
            onPointerUp={end}
            onPointerCancel={() => {
              drag.current = null;
              setDragLeft(null);
            }}
            onKeyDown={key}
          >
            ⇔
          </div>
        ) : null}
      </div>
    </div>
  );
}
