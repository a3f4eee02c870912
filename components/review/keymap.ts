// Keyboard shortcuts of the review room → commands. Pure, so the table is tested without a DOM.

export type Command =
  | { type: "play-pause" }
  | { type: "shuttle"; key: "j" | "k" | "l" }
  | { type: "step-frames"; n: number }
  | { type: "step-seconds"; n: number }
  | { type: "mark-in" }
  | { type: "mark-out" }
  | { type: "neighbour"; dir: -1 | 1 }
  | { type: "status"; status: "accepted" | "rejected" }
  | { type: "new" }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "help" }
  | { type: "zoom"; dir: -1 | 1 };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** the focused element: shortcuts stay off while someone types or moves a slider */
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function isTyping(target: KeyLike["target"]): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  // Checkboxes and buttons do not take text or arrows, so the shortcuts keep working from them.
  if (target.tagName === "INPUT")
    return !["checkbox", "radio", "button", "submit"].includes(target.type ?? "");
  return TYPING.has(target.tagName ?? "");
}

export function commandFor(e: KeyLike): Command | null {
  if (isTyping(e.target)) return null;
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (k === "z") return e.shiftKey ? { type: "redo" } : { type: "undo" };
    if (k === "y") return { type: "redo" };
    return null;
  }
  switch (k) {
    case " ":
      return { type: "play-pause" };
    case "k":
    case "j":
    case "l":
      return { type: "shuttle", key: k };
    case "ArrowLeft":
      return e.shiftKey ? { type: "step-seconds", n: -1 } : { type: "step-frames", n: -1 };
    case "ArrowRight":
      return e.shiftKey ? { type: "step-seconds", n: 1 } : { type: "step-frames", n: 1 };
    case "i":
      return { type: "mark-in" };
    case "o":
      return { type: "mark-out" };
    case "[":
      return { type: "neighbour", dir: -1 };
    case "]":
      return { type: "neighbour", dir: 1 };
    case "a":
      return { type: "status", status: "accepted" };
    case "x":
      return { type: "status", status: "rejected" };
    case "n":
      return { type: "new" };
    case "?":
      return { type: "help" };
    case "+":
    case "=":
      return { type: "zoom", dir: 1 };
    case "-":
      return { type: "zoom", dir: -1 };
    default:
      return null;
  }
}

/** For the "?" dialog: what a person reads, in the order they learn it. */
export const SHORTCUTS: [string, string][] = [
  ["Space / K", "Play or pause"],
  ["J / L", "Shuttle back / forward (again: faster)"],
  ["← / →", "One frame back / forward"],
  ["Shift + ← / →", "One second back / forward"],
  [
    "I / O",
    "Set the selected highlight's in / out at the playhead (while marking examples of a label: mark one)",
  ],
  ["[ / ]", "Previous / next highlight"],
  ["A / X", "Accept / reject the selected highlight"],
  ["N", "New highlight at the playhead"],
  ["Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"],
  ["+ / −", "Zoom the timeline in / out"],
  ["Alt (while dragging)", "Do not snap to shot cuts"],
  ["?", "Show these shortcuts"],
];
