// Pure parts of "Apply" and "New highlight" (lib/review/service.ts), tested without a database.
import { tracksOf, type TScoreFile } from "../analysis/scores";
import { clipLifecycle } from "../clips/lifecycle";
import type { Segment } from "../highlights/segments";

export interface ExistingHighlight {
  id: string;
  label: string;
  startS: number;
  endS: number;
  status: "suggested" | "accepted" | "rejected" | "edited";
}

// Score files and derived segments are float maths on the same inputs: equal within a microsecond.
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * The Highlight rows of new segments of an analysis (finalize, Apply, re-score). `cutting`: their clip
 * cut is queued in the same breath, so the review room shows it as under way at once.
 */
export function highlightRows(
  videoId: string,
  analysisId: string,
  segments: readonly Segment[],
  opts: { cutting?: boolean } = {},
) {
  return segments.map((s) => ({
    videoId,
    analysisId,
    label: s.label,
    startS: s.start,
    endS: s.end,
    peak: s.peak,
    mean: s.mean,
    ...clipLifecycle.created(opts.cutting),
  }));
}

export function planApply(
  existing: readonly ExistingHighlight[],
  derived: readonly Segment[],
): { remove: string[]; create: Segment[]; kept: number } {
  const decided = existing.filter((h) => h.status !== "suggested");
  const suggested = existing.filter((h) => h.status === "suggested");
  const keep = new Set<string>();
  const create: Segment[] = [];
  for (const s of derived) {
    if (decided.some((h) => h.label === s.label && h.startS < s.end && s.start < h.endS)) continue;
    const match = suggested.find(
      (h) => !keep.has(h.id) && h.label === s.label && same(h.startS, s.start) && same(h.endS, s.end),
    );
    if (match) keep.add(match.id);
    else create.push(s);
  }
  const remove = suggested.filter((h) => !keep.has(h.id)).map((h) => h.id);
  return { remove, create, kept: decided.length + keep.size };
}

/** Peak and mean score of `label` over the windows whose centres fall in [startS, endS]. */
export function scoreStats(
  file: TScoreFile,
  label: string,
  startS: number,
  endS: number,
): { peak: number; mean: number } {
  const track = tracksOf(file).find((t) => t.label === label);
  if (!track) return { peak: 0, mean: 0 };
  let peak = 0;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < track.times.length; i++) {
    const t = track.times[i]!;
    if (t < startS || t > endS) continue;
    const s = track.scores[i] ?? 0;
    peak = Math.max(peak, s);
    sum += s;
    n++;
  }
  return { peak, mean: n > 0 ? sum / n : 0 };
}
