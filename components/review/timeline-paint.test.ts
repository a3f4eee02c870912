import { describe, expect, it } from "vitest";
import type { Item } from "./editing";
import {
  paintTimeline,
  STATUS_FILL,
  TIMELINE_HEIGHT,
  TOP,
  type Paint2D,
  type PaintInput,
} from "./timeline-paint";

/** Records what the painter asks of a canvas (node has none); fill colours travel with the rectangles. */
function recorder() {
  const calls: { op: string; args: unknown[]; fill: unknown }[] = [];
  const rec = (op: string) =>
    function (this: Paint2D, ...args: unknown[]) {
      calls.push({ op, args, fill: this.fillStyle });
    };
  const g = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    font: "",
    beginPath: rec("beginPath"),
    clearRect: rec("clearRect"),
    drawImage: rec("drawImage"),
    fillRect: rec("fillRect"),
    fillText: rec("fillText"),
    lineTo: rec("lineTo"),
    moveTo: rec("moveTo"),
    setLineDash: rec("setLineDash"),
    stroke: rec("stroke"),
    strokeRect: rec("strokeRect"),
  } as unknown as Paint2D;
  return { g, calls };
}

const item = (id: string, startS: number, endS: number, status: Item["status"] = "suggested"): Item => ({
  id,
  label: "penalty",
  startS,
  endS,
  status,
});

const base: PaintInput = {
  view: { start: 0, end: 100 },
  fps: 25,
  width: 1000,
  thumbs: [],
  sprite: null,
  waveform: null,
  tracks: [],
  shots: [],
  unanalysed: [],
  items: [],
  preview: [],
  selectedId: null,
  edgeDrag: null,
};
const segRects = (calls: ReturnType<typeof recorder>["calls"]) =>
  calls.filter((c) => c.op === "fillRect" && c.args[1] === TOP.segs + 6);

describe("timeline painter", () => {
  it("hatches the range the analysis could not decode over the confidence row, and labels it", () => {
    const { g, calls } = recorder();
    const out = paintTimeline(g, { ...base, unanalysed: [{ startS: 30, endS: 100 }] });
    expect(out.layers).toContain("gaps");
    const band = calls.find((c) => c.op === "fillRect" && c.args[1] === TOP.conf);
    expect(band?.args).toEqual([300, TOP.conf, 700, expect.any(Number)]);
    expect(calls.some((c) => c.op === "fillText" && c.args[0] === "not analysed")).toBe(true);
    // outside the view: nothing drawn
    const off = recorder();
    expect(paintTimeline(off.g, { ...base, unanalysed: [{ startS: 120, endS: 130 }] }).layers).not.toContain(
      "gaps",
    );
  });

  it("draws only the ruler for an empty timeline, over a cleared background", () => {
    const { g, calls } = recorder();
    expect(paintTimeline(g, base)).toEqual({ layers: ["ruler"], points: 0 });
    expect(calls[0]).toMatchObject({ op: "clearRect", args: [0, 0, 1000, TIMELINE_HEIGHT] });
    expect(calls.some((c) => c.op === "fillText")).toBe(true);
  });

  it("reports the layers it drew and the score samples behind the curves", () => {
    const { g } = recorder();
    const track = { label: "penalty", times: [10, 20, 30], scores: [0.1, 0.9, 0.2], stepS: 10 };
    const out = paintTimeline(g, {
      ...base,
      waveform: { rate: 1, peaks: Array.from({ length: 100 }, () => 0.5) },
      tracks: [{ track, colour: "#f59e0b" }],
      items: [item("a", 10, 20)],
    });
    expect(out).toEqual({ layers: ["ruler", "wave", "conf", "segs"], points: 3 });
  });

  it("fills a highlight by its status at its time's x, and skips one outside the view", () => {
    const { g, calls } = recorder();
    paintTimeline(g, { ...base, items: [item("a", 10, 20, "accepted"), item("b", 150, 160)] });
    const rects = segRects(calls);
    expect(rects).toHaveLength(1);
    expect(rects[0]!.args[0]).toBeCloseTo(100);
    expect(rects[0]!.args[2]).toBeCloseTo(100);
    expect(rects[0]!.fill).toBe(STATUS_FILL.accepted);
  });

  it("draws a dragged edge where the pointer is, never past the other edge", () => {
    const { g, calls } = recorder();
    const items = [item("a", 10, 20)];
    paintTimeline(g, { ...base, items, edgeDrag: { id: "a", edge: "in", t: 15 } });
    expect(segRects(calls)[0]!.args[0]).toBeCloseTo(150);
    const again = recorder();
    paintTimeline(again.g, { ...base, items, edgeDrag: { id: "a", edge: "in", t: 30 } });
    // one frame (1/25 s = 0.4 px here) before the out point
    expect(segRects(again.calls)[0]!.args[0]).toBeCloseTo(199.6);
  });

  it("outlines the selected highlight with handles at both edges", () => {
    const { g, calls } = recorder();
    paintTimeline(g, { ...base, items: [item("a", 10, 20)], selectedId: "a" });
    expect(calls.filter((c) => c.op === "strokeRect")).toHaveLength(1);
    const handles = calls.filter((c) => c.op === "fillRect" && c.args[1] === TOP.segs + 3);
    expect(handles.map((c) => c.args[0])).toEqual([98, 198]);
  });
});
