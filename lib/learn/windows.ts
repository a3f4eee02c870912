import type { Segment } from "../highlights/segments";

// Pure: which model windows the labels say something about (training targets), and how a head's
// highlights compare with the labels of a held-out video. Browser-safe; no model code.

export interface LabelledInterval {
  label: string;
  kind: "positive" | "negative";
  startS: number;
  endS: number;
}

export interface Grid {
  frames: number;
  stride: number;
  rate: number;
}

/** A window counts as showing the event if it overlaps it this long, or half the event if shorter. */
export const MIN_POSITIVE_OVERLAP_S = 1;

const overlap = (a0: number, a1: number, b0: number, b1: number) =>
  Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * One target per window of the product grid over `frameCount` frames: the index of its label in
 * `labels`, 0 (background) where it is known not to show one, or -1 where the labels do not say.
 * Background: the window overlaps no positive interval, and lies at least half inside a negative one
 * (a rejected highlight) or the video's review is complete. Positive intervals of labels the model
 * does not have are ignored (and still keep their windows out of the background).
 */
export function windowTargets(
  frameCount: number,
  grid: Grid,
  labels: readonly string[],
  intervals: readonly LabelledInterval[],
  reviewComplete: boolean,
): Int32Array {
  const n = frameCount < grid.frames ? 0 : Math.floor((frameCount - grid.frames) / grid.stride) + 1;
  const out = new Int32Array(n).fill(-1);
  const windowS = grid.frames / grid.rate;
  const pos = intervals.filter((i) => i.kind === "positive");
  const neg = intervals.filter((i) => i.kind === "negative");
  for (let w = 0; w < n; w++) {
    const a = (w * grid.stride) / grid.rate;
    const b = a + windowS;
    let touchesPositive = false;
    for (const p of pos) {
      const o = overlap(a, b, p.startS, p.endS);
      if (o <= 0) continue;
      touchesPositive = true;
      const c = labels.indexOf(p.label);
      if (c > 0 && o >= Math.min(MIN_POSITIVE_OVERLAP_S, (p.endS - p.startS) / 2)) out[w] = c;
    }
    if (touchesPositive) continue;
    if (reviewComplete || neg.some((q) => overlap(a, b, q.startS, q.endS) >= windowS / 2)) out[w] = 0;
  }
  return out;
}

export interface HeldOutCounts {
  /** positive intervals of the label, and how many of them some highlight overlaps */
  events: number;
  found: number;
  highlights: number;
  /** highlights on no positive interval: on a review-complete video, or on a rejected interval */
  falseHighlights: number;
  minutes: number;
}

export function compareWithLabels(
  segments: readonly Segment[],
  intervals: readonly LabelledInterval[],
  label: string,
  reviewComplete: boolean,
  durationS: number,
): HeldOutCounts {
  const pos = intervals.filter((i) => i.kind === "positive" && i.label === label);
  const neg = intervals.filter((i) => i.kind === "negative");
  const mine = segments.filter((s) => s.label === label);
  const hits = (s: Segment, set: readonly LabelledInterval[]) =>
    set.some((i) => overlap(s.start, s.end, i.startS, i.endS) > 0);
  return {
    events: pos.length,
    found: pos.filter((p) => mine.some((s) => overlap(s.start, s.end, p.startS, p.endS) > 0)).length,
    highlights: mine.length,
    falseHighlights: mine.filter((s) => !hits(s, pos) && (reviewComplete || hits(s, neg))).length,
    minutes: durationS / 60,
  };
}

export function sumCounts(all: readonly HeldOutCounts[]): HeldOutCounts {
  return all.reduce(
    (t, c) => ({
      events: t.events + c.events,
      found: t.found + c.found,
      highlights: t.highlights + c.highlights,
      falseHighlights: t.falseHighlights + c.falseHighlights,
      minutes: t.minutes + c.minutes,
    }),
    { events: 0, found: 0, highlights: 0, falseHighlights: 0, minutes: 0 },
  );
}
