// Pure and browser-safe: the UI re-derives segments live while a user drags the threshold sliders.

export interface SegmentParams {
  enter: number;
  exit: number;
  minLengthS: number;
  mergeGapS: number;
  preRollS: number;
  postRollS: number;
}

export interface Segment {
  label: string;
  start: number;
  end: number;
  peak: number;
  mean: number;
}

// One score per window for one label; `times` are window centres in seconds, ascending, on a grid
// of `stepS`. Each score stands for [centre - stepS/2, centre + stepS/2] when runs are found, merged
// and length-checked. With `windowS` (the span the model saw: 4 s windows at a 0.5 s stride) the
// edges of each highlight are then localised inside its windows (see localisedEdges).
export interface ScoreTrack {
  label: string;
  times: ArrayLike<number>;
  scores: ArrayLike<number>;
  stepS: number;
  windowS?: number;
}

/**
 * Where the event is, given the first and last high window of a run. Every window that overlaps a
 * kick scores high, so the union of the high windows overshoots the kick by nearly a window on each
 * side (starts 2.5–3 s early, ends as late on the held-out match test, with a 1 s roll). The first
 * high window is the first to reach the kick: the kick starts in the last step of that window,
 * i.e. around firstCentre + window/2 - step/2; it ends around lastCentre - window/2 + step/2. When
 * the run is shorter than one window those two points cross and the event lies between them (the
 * part every high window shares); a run of exactly one window's length is an instant, given the
 * step it falls in.
 */
export function localisedEdges(
  track: ScoreTrack,
  first: number,
  last: number,
): { start: number; end: number } {
  const step = track.stepS;
  const from = track.times[first]!;
  const to = track.times[last]!;
  if (!track.windowS || track.windowS <= step) return { start: from - step / 2, end: to + step / 2 };
  const a = from + track.windowS / 2 - step / 2;
  const b = to - track.windowS / 2 + step / 2;
  const mid = (a + b) / 2;
  const half = Math.max(Math.abs(a - b), step) / 2;
  return { start: mid - half, end: mid + half };
}

interface Run {
  first: number;
  last: number;
}

// Hysteresis: a run opens when a score reaches `enter` and closes once it drops below `exit`,
// so a score that wobbles around one threshold does not split a kick into pieces.
export function hysteresisRuns(scores: ArrayLike<number>, enter: number, exit: number): Run[] {
  const runs: Run[] = [];
  const stay = Math.min(exit, enter);
  let open = -1;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (open < 0 && s >= enter) open = i;
    else if (open >= 0 && s < stay) {
      runs.push({ first: open, last: i - 1 });
      open = -1;
    }
  }
  if (open >= 0) runs.push({ first: open, last: scores.length - 1 });
  return runs;
}

interface Span extends Run {
  start: number;
  end: number;
}

function mergeSpans(spans: Span[], gapS: number): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && s.start - prev.end <= gapS) {
      prev.end = Math.max(prev.end, s.end);
      prev.last = s.last;
    } else out.push({ ...s });
  }
  return out;
}

function stats(scores: ArrayLike<number>, first: number, last: number): { peak: number; mean: number } {
  let peak = -Infinity;
  let sum = 0;
  for (let i = first; i <= last; i++) {
    peak = Math.max(peak, scores[i]!);
    sum += scores[i]!;
  }
  return { peak, mean: sum / (last - first + 1) };
}

export function deriveSegments(track: ScoreTrack, params: SegmentParams, durationS: number): Segment[] {
  const half = track.stepS / 2;
  const raw = hysteresisRuns(track.scores, params.enter, params.exit).map((r) => ({
    ...r,
    start: track.times[r.first]! - half,
    end: track.times[r.last]! + half,
  }));
  // Merge before the length check so two halves of one kick count as one long enough event.
  // minLengthS is about the evidence (how long the windows stayed high), so it is checked before
  // localising: a kick localised to an instant is still a kick.
  const kept = mergeSpans(raw, params.mergeGapS).filter((s) => s.end - s.start >= params.minLengthS);
  const padded = kept.map((s) => {
    const edges = localisedEdges(track, s.first, s.last);
    return {
      ...s,
      start: Math.max(0, edges.start - params.preRollS),
      end: Math.min(durationS, edges.end + params.postRollS),
    };
  });
  // Padding can make neighbours overlap; a viewer wants one clip then, not two overlapping ones.
  return mergeSpans(padded, 0)
    .filter((s) => s.end > s.start)
    .map((s) => ({
      label: track.label,
      start: s.start,
      end: s.end,
      ...stats(track.scores, s.first, s.last),
    }));
}

export function deriveAllSegments(
  tracks: readonly ScoreTrack[],
  params: Readonly<Record<string, SegmentParams>>,
  durationS: number,
): Segment[] {
  return tracks
    .filter((t) => params[t.label] !== undefined)
    .flatMap((t) => deriveSegments(t, params[t.label]!, durationS))
    .sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
}
