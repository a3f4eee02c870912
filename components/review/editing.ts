// The review room's editing state: selection, boundary/status edits and their undo/redo stacks.
// Pure; the component sends each change it returns to the server (PATCH), so undo is just another edit.
import type { THighlightStatus } from "@/lib/schemas/highlights";

export interface Item {
  id: string;
  label: string;
  startS: number;
  endS: number;
  status: THighlightStatus;
}

export type Fields = Pick<Item, "startS" | "endS" | "status">;

export interface Change {
  id: string;
  before: Fields;
  after: Fields;
}

export interface EditState {
  items: Item[];
  selectedId: string | null;
  past: Change[];
  future: Change[];
}

const LIMIT = 200;

export const initialEdit = (items: Item[] = []): EditState => ({
  items: sortItems(items),
  selectedId: null,
  past: [],
  future: [],
});

const sortItems = (items: Item[]) =>
  [...items].sort((a, b) => a.startS - b.startS || a.id.localeCompare(b.id));
const fieldsOf = (i: Item): Fields => ({ startS: i.startS, endS: i.endS, status: i.status });
const sameFields = (a: Fields, b: Fields) =>
  a.startS === b.startS && a.endS === b.endS && a.status === b.status;

function put(state: EditState, id: string, f: Fields): Item[] {
  return sortItems(state.items.map((i) => (i.id === id ? { ...i, ...f } : i)));
}

/**
 * Server truth arrives (poll, or the answer to a PATCH): take its rows, but keep the local boundaries
 * of an item whose edit has not come back yet (`pending`), so a slow poll does not snap an edge back.
 */
export function sync(state: EditState, server: Item[], pending: ReadonlySet<string> = new Set()): EditState {
  const local = new Map(state.items.map((i) => [i.id, i]));
  const items = server.map((s) => (pending.has(s.id) && local.has(s.id) ? local.get(s.id)! : s));
  const ids = new Set(items.map((i) => i.id));
  return {
    ...state,
    items: sortItems(items),
    selectedId: state.selectedId && ids.has(state.selectedId) ? state.selectedId : null,
    past: state.past.filter((c) => ids.has(c.id)),
    future: state.future.filter((c) => ids.has(c.id)),
  };
}

export function select(state: EditState, id: string | null): EditState {
  return { ...state, selectedId: id };
}

/** The highlight before/after t (by start), for [ and ]. */
export function neighbour(state: EditState, t: number, dir: -1 | 1): Item | null {
  const eps = 1e-3;
  if (dir > 0) return state.items.find((i) => i.startS > t + eps) ?? null;
  const before = state.items.filter((i) => i.startS < t - eps);
  return before[before.length - 1] ?? null;
}

export type Edit =
  | { kind: "in"; t: number }
  | { kind: "out"; t: number }
  | { kind: "range"; startS: number; endS: number }
  | { kind: "status"; status: THighlightStatus };

/**
 * Applies an edit to item `id`. Edges may not cross: an in-point at/after the out-point (or the
 * reverse) is refused (null), as is a span shorter than one frame. A no-op returns null too, so the
 * caller sends nothing.
 */
export function edit(
  state: EditState,
  id: string,
  e: Edit,
  minLength: number,
): { state: EditState; change: Change } | null {
  const item = state.items.find((i) => i.id === id);
  if (!item) return null;
  const before = fieldsOf(item);
  const after: Fields = { ...before };
  if (e.kind === "in") after.startS = e.t;
  else if (e.kind === "out") after.endS = e.t;
  else if (e.kind === "range") Object.assign(after, { startS: e.startS, endS: e.endS });
  else after.status = e.status;
  // The server makes a moved suggestion "edited" (lib/clips/service.ts); doing the same here puts
  // "suggested" in the change's `before`, so undoing a trim sends it back instead of leaving "edited".
  const moved = after.startS !== before.startS || after.endS !== before.endS;
  if (moved && e.kind !== "status" && before.status === "suggested") after.status = "edited";
  if (after.startS < 0 || after.endS - after.startS < minLength - 1e-9) return null;
  if (sameFields(before, after)) return null;
  const change = { id, before, after };
  return {
    change,
    state: {
      ...state,
      items: put(state, id, after),
      selectedId: id,
      past: [...state.past, change].slice(-LIMIT),
      future: [],
    },
  };
}

export function undo(state: EditState): { state: EditState; change: Change } | null {
  const last = state.past[state.past.length - 1];
  if (!last) return null;
  const change = { id: last.id, before: last.after, after: last.before };
  return {
    change,
    state: {
      ...state,
      items: put(state, last.id, last.before),
      selectedId: last.id,
      past: state.past.slice(0, -1),
      future: [...state.future, last],
    },
  };
}

export function redo(state: EditState): { state: EditState; change: Change } | null {
  const next = state.future[state.future.length - 1];
  if (!next) return null;
  return {
    change: next,
    state: {
      ...state,
      items: put(state, next.id, next.after),
      selectedId: next.id,
      past: [...state.past, next],
      future: state.future.slice(0, -1),
    },
  };
}

/** What PATCH needs for a change: only the fields that moved. */
export function patchOf(c: Change): Partial<Fields> {
  const p: Partial<Fields> = {};
  if (c.before.startS !== c.after.startS) p.startS = c.after.startS;
  if (c.before.endS !== c.after.endS) p.endS = c.after.endS;
  if (c.before.status !== c.after.status) p.status = c.after.status;
  return p;
}
