import { describe, expect, it } from "vitest";
import { edit, initialEdit, neighbour, patchOf, redo, sync, undo, type Item } from "./editing";
import { commandFor, isTyping, type KeyLike } from "./keymap";
import { press, rateOf, stopped } from "./shuttle";

const items: Item[] = [
  { id: "b", label: "penalty", startS: 50, endS: 60, status: "suggested" },
  { id: "a", label: "penalty", startS: 10, endS: 20, status: "suggested" },
];
const frame = 0.04;

describe("editing state", () => {
  it("moves an edge, records it, and undo/redo give the patches to send", () => {
    const s0 = initialEdit(items);
    expect(s0.items.map((i) => i.id)).toEqual(["a", "b"]);
    const r1 = edit(s0, "a", { kind: "in", t: 10.4 }, frame)!;
    // a trimmed suggestion is "edited", as the server makes it
    expect(patchOf(r1.change)).toEqual({ startS: 10.4, status: "edited" });
    expect(r1.state.selectedId).toBe("a");
    const r2 = edit(r1.state, "a", { kind: "status", status: "accepted" }, frame)!;
    const u1 = undo(r2.state)!;
    expect(patchOf(u1.change)).toEqual({ status: "edited" });
    const u2 = undo(u1.state)!;
    // undoing the trim restores the status it had before (issue #18: it stayed "edited")
    expect(patchOf(u2.change)).toEqual({ startS: 10, status: "suggested" });
    expect(u2.state.items[0]).toMatchObject({ startS: 10, status: "suggested" });
    expect(undo(u2.state)).toBeNull();
    const re = redo(u2.state)!;
    expect(patchOf(re.change)).toEqual({ startS: 10.4, status: "edited" });
    expect(re.state.future).toHaveLength(1);
    // a new edit drops the redo stack
    expect(edit(re.state, "b", { kind: "out", t: 61 }, frame)!.state.future).toEqual([]);
  });

  it("keeps an accepted or rejected highlight's status when it is trimmed", () => {
    const s = initialEdit(items.map((i) => ({ ...i, status: "accepted" as const })));
    const r = edit(s, "a", { kind: "out", t: 19 }, frame)!;
    expect(patchOf(r.change)).toEqual({ endS: 19 });
    expect(patchOf(undo(r.state)!.change)).toEqual({ endS: 20 });
  });

  it("refuses crossing edges, sub-frame spans and no-ops", () => {
    const s = initialEdit(items);
    expect(edit(s, "a", { kind: "in", t: 20 }, frame)).toBeNull();
    expect(edit(s, "a", { kind: "out", t: 10.01 }, frame)).toBeNull();
    expect(edit(s, "a", { kind: "in", t: 10 }, frame)).toBeNull();
    expect(edit(s, "zz", { kind: "in", t: 1 }, frame)).toBeNull();
  });

  it("keeps pending local edits when a poll brings older server rows", () => {
    const s = edit(initialEdit(items), "a", { kind: "in", t: 11 }, frame)!.state;
    const server = [...items, { id: "c", label: "penalty", startS: 70, endS: 80, status: "edited" as const }];
    expect(sync(s, server, new Set(["a"])).items.map((i) => [i.id, i.startS])).toEqual([
      ["a", 11],
      ["b", 50],
      ["c", 70],
    ]);
    const gone = sync(s, [items[0]!]);
    expect(gone.selectedId).toBeNull();
    expect(gone.past).toEqual([]);
  });

  it("finds the previous and next highlight from the playhead", () => {
    const s = initialEdit(items);
    expect(neighbour(s, 30, 1)?.id).toBe("b");
    expect(neighbour(s, 30, -1)?.id).toBe("a");
    expect(neighbour(s, 50, -1)?.id).toBe("a");
    expect(neighbour(s, 50, 1)).toBeNull();
  });
});

describe("shuttle", () => {
  it("J/L go faster on each press, the opposite key slows then reverses, K stops", () => {
    let s = press(stopped, "l");
    expect(rateOf(s)).toBe(1);
    s = press(press(s, "l"), "l");
    expect(rateOf(s)).toBe(4);
    s = press(press(press(s, "l"), "l"), "l");
    expect(rateOf(s)).toBe(8);
    s = press(s, "j");
    expect(rateOf(s)).toBe(4);
    s = press(press(press(s, "j"), "j"), "j");
    expect(rateOf(s)).toBe(-1);
    expect(rateOf(press(s, "k"))).toBe(0);
  });
});

describe("keymap", () => {
  const key = (k: string, o: Partial<KeyLike> = {}): KeyLike => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target: { tagName: "DIV" },
    ...o,
  });
  it("maps the documented shortcuts", () => {
    expect(commandFor(key(" "))).toEqual({ type: "play-pause" });
    expect(commandFor(key("K"))).toEqual({ type: "shuttle", key: "k" });
    expect(commandFor(key("ArrowRight"))).toEqual({ type: "step-frames", n: 1 });
    expect(commandFor(key("ArrowLeft", { shiftKey: true }))).toEqual({ type: "step-seconds", n: -1 });
    expect(commandFor(key("i"))).toEqual({ type: "mark-in" });
    expect(commandFor(key("]"))).toEqual({ type: "neighbour", dir: 1 });
    expect(commandFor(key("x"))).toEqual({ type: "status", status: "rejected" });
    expect(commandFor(key("z", { ctrlKey: true }))).toEqual({ type: "undo" });
    expect(commandFor(key("Z", { ctrlKey: true, shiftKey: true }))).toEqual({ type: "redo" });
    expect(commandFor(key("?", { shiftKey: true }))).toEqual({ type: "help" });
    expect(commandFor(key("a", { ctrlKey: true }))).toBeNull();
    expect(commandFor(key("q"))).toBeNull();
  });
  it("stays off while typing or moving a slider, on from checkboxes", () => {
    expect(commandFor(key("i", { target: { tagName: "INPUT", type: "text" } }))).toBeNull();
    expect(commandFor(key("ArrowRight", { target: { tagName: "INPUT", type: "range" } }))).toBeNull();
    expect(commandFor(key("a", { target: { tagName: "TEXTAREA" } }))).toBeNull();
    expect(isTyping({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(commandFor(key("a", { target: { tagName: "INPUT", type: "checkbox" } }))).toEqual({
      type: "status",
      status: "accepted",
    });
  });
});
