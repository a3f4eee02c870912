"use client";

import type { Dispatch, SetStateAction } from "react";
import type { THighlightStatus } from "@/lib/schemas/highlights";
import { edit, neighbour, redo, select, undo, type Change, type EditState, type Item } from "./editing";
import { quantize, stepFrames, stepSeconds } from "./frames";
import type { Command } from "./keymap";
import type { PlayheadStore } from "./playhead";
import { press, stopped } from "./shuttle";
import { zoomAt, type View } from "./timeline-math";
import type { Marking } from "./use-marking";
import type { useTransport } from "./use-transport";

const NEW_HIGHLIGHT_S = 5;

interface Ctx {
  canEdit: boolean;
  fps: number;
  duration: number;
  minSpan: number;
  playhead: PlayheadStore;
  transport: ReturnType<typeof useTransport>;
  editState: EditState;
  setEdit: Dispatch<SetStateAction<EditState>>;
  commit: (r: { state: EditState; change: Change } | null) => void;
  seek: (t: number) => void;
  setView: Dispatch<SetStateAction<View>>;
  setHelp: (open: boolean) => void;
  setNotice: (text: string | null) => void;
  setStatus: (h: { id: string }, status: THighlightStatus) => void;
  create: (startS: number, endS: number) => void;
  /** while the editor marks examples of a label, I and O mark them (use-marking.ts) */
  marking: Marking;
}

/** The keyboard commands of the review room (keymap.ts decides which key is which command). */
export function useReviewCommands(x: Ctx): (c: Command) => void {
  const { fps, duration, playhead, editState } = x;
  const { player, shuttle, setShuttle } = x.transport;

  // The selected highlight, else the one under the playhead.
  const target = (): Item | null => {
    const t = playhead.get();
    return (
      editState.items.find((i) => i.id === editState.selectedId) ??
      editState.items.find((i) => t >= i.startS && t < i.endS) ??
      null
    );
  };

  return (c: Command) => {
    const p = player.current;
    const t = playhead.get();
    switch (c.type) {
      case "play-pause":
        if (!p) return;
        if (p.paused() && shuttle.current.dir === 0) setShuttle(press(stopped, "l"));
        else setShuttle(stopped);
        return;
      case "shuttle":
        return setShuttle(press(shuttle.current, c.key));
      case "step-frames":
        setShuttle(stopped);
        return x.seek(stepFrames(t, c.n, fps, duration));
      case "step-seconds":
        setShuttle(stopped);
        return x.seek(stepSeconds(t, c.n, fps, duration));
      case "mark-in":
      case "mark-out": {
        if (x.canEdit && x.marking.label)
          return x.marking.mark(c.type === "mark-in" ? "in" : "out", quantize(t, fps));
        const h = target();
        if (!x.canEdit || !h) return x.setNotice("Select a highlight first ([ or ] or click one)");
        const at = quantize(t, fps);
        const r = edit(editState, h.id, { kind: c.type === "mark-in" ? "in" : "out", t: at }, 1 / fps);
        if (!r) return x.setNotice("The in-point must stay before the out-point");
        return x.commit(r);
      }
      case "neighbour": {
        const n = neighbour(editState, t, c.dir);
        if (!n) return;
        x.setEdit((s) => select(s, n.id));
        return x.seek(n.startS);
      }
      case "status": {
        const h = target();
        if (x.canEdit && h) x.setStatus(h, c.status);
        return;
      }
      case "new": {
        if (!x.canEdit) return;
        const at = quantize(t, fps);
        const endS = Math.min(duration, at + NEW_HIGHLIGHT_S);
        return x.create(Math.max(0, Math.min(at, endS - NEW_HIGHLIGHT_S)), endS);
      }
      case "undo":
        return x.commit(undo(editState));
      case "redo":
        return x.commit(redo(editState));
      case "help":
        return x.setHelp(true);
      case "zoom":
        return x.setView((v) => zoomAt(v, c.dir > 0 ? 0.5 : 2, t, duration, x.minSpan));
    }
  };
}
