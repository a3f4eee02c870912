// The live timeline is the concatenation of what each segment added; highlights are derived from it
// with the same hysteresis as offline analysis. Pure and browser-safe; unit-tested.
import type { TScoreFile } from "../analysis/scores";
import { tracksOf } from "../analysis/scores";
import { deriveAllSegments, type Segment, type SegmentParams } from "../highlights/segments";
import type { TSegmentScores } from "../schemas/live";

export interface Grid {
  labels: string[];
  rate: number;
  windowFrames: number;
  strideFrames: number;
}

export function joinScores(grid: Grid, parts: readonly TSegmentScores[]): TScoreFile {
  const windows: number[] = [];
  const scores: Record<string, number[]> = Object.fromEntries(grid.labels.map((l) => [l, []]));
  for (const p of parts) {
    windows.push(...p.windows);
    for (const l of grid.labels) scores[l]!.push(...(p.scores[l] ?? p.windows.map(() => 0)));
  }
  return { version: 1, ...grid, windows, scores };
}

/**
 * Splits the derived segments into settled ones (whose end has been seen: no later window can extend
 * them, merge into them or be merged with them) and pending ones. With `final` (stream over) all settle.
 *
 * A later window has its centre past the last one scored. Highlight edges are localised inside their
 * windows (lib/highlights/segments.ts localisedEdges), so a later run's start, and this run's window
 * span, reach up to window/2 beyond the centres: nothing before lastCentre - max(window, step)/2
 * moves. deriveSegments merges runs closer than mergeGapS, and padded segments that overlap (a later
 * start - preRollS ≤ this end): once neither can happen the segment is fixed.
 */
export function liveSegments(
  file: TScoreFile,
  params: Readonly<Record<string, SegmentParams>>,
  streamEndS: number,
  final: boolean,
): { settled: Segment[]; pending: Segment[] } {
  if (file.windows.length === 0) return { settled: [], pending: [] };
  const all = deriveAllSegments(tracksOf(file), params, streamEndS);
  if (final) return { settled: all, pending: [] };
  const step = file.strideFrames / file.rate;
  const lastW = file.windows[file.windows.length - 1]!;
  const reach = Math.max(file.windowFrames / file.rate, step) / 2;
  const earliestLaterStart = (lastW * file.strideFrames + file.windowFrames / 2) / file.rate - reach;
  const settled: Segment[] = [];
  const pending: Segment[] = [];
  for (const s of all) {
    const p = params[s.label]!;
    const reach = Math.max(s.end - p.postRollS + p.mergeGapS, s.end + p.preRollS);
    (reach < earliestLaterStart ? settled : pending).push(s);
  }
  return { settled, pending };
}
