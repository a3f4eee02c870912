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
// of `stepS`. Without `windowS` each score stands for [centre - stepS/2, centre + stepS/2]. With
// `windowS` (the span the model saw, e.g. 4 s windows at a 0.5 s stride) segments are localised
// inside the windows first (see localise).
export interface ScoreTrack {
  label: string;
  times: ArrayLike<number>;
  scores: ArrayLike<number>;
  stepS: number;
  windowS?: number;
}

/**
 * Per-slice evidence from overlapping windows: the timeline is cut into stepS slices and a slice
 * scores the minimum over the windows that contain it. Every window that contains a kick scores
 * high, so the union of the high windows overshoots the kick by up to a window on each side (starts
 * 2.5–3 s early, ends as late, measured on the held-out match test); a slice is high only when
 * every window around it is, which is the kick itself. The same rule makes a burst of high windows
 * shorter than one window (a moment that looked like a kick, and did not last a window's length)
 * leave nothing. Windows missing from the grid (live gaps) do not vote; a slice no window covers
 * is left out.
 */
export function localise(track: ScoreTrack): ScoreTrack {
  const n = track.times.length;
  const k = track.windowS ? Math.round(track.windowS / track.stepS) : 1;
  if (k <= 1 || n === 0) return track;
  const t0 = track.times[0]!;
  const slot = (i: number) => Math.round((track.times[i]! - t0) / track.stepS);
  const slots = slot(n - 1) + k;
  const min = new Float64Array(slots).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const g = slot(i);
    for (let m = g; m < g + k; m++) min[m] = Math.min(min[m]!, track.scores[i]!);
  }
  const times: number[] = [];
  const scores: number[] = [];
  const first = t0 - track.windowS! / 2 + track.stepS / 2;
  for (let m = 0; m < slots; m++) {
    if (min[m] === Infinity) continue;
    times.push(first + m * track.stepS);
    scores.push(min[m]!);
  }
  return { label: track.label, times, scores, stepS: track.stepS };
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

export function deriveSegments(windows: ScoreTrack, params: SegmentParams, durationS: number): Segment[] {
  const track = localise(windows);
  const half = track.stepS / 2;
  const raw = hysteresisRuns(track.scores, params.enter, params.exit).map((r) => ({
    ...r,
    start: track.times[r.first]! - half,
    end: track.times[r.last]! + half,
  }));
  // Merge before the length check so two halves of one kick count as one long enough event.
  const kept = mergeSpans(raw, params.mergeGapS).filter((s) => s.end - s.start >= params.minLengthS);
  const padded = kept.map((s) => ({
    ...s,
    start: Math.max(0, s.start - params.preRollS),
    end: Math.min(durationS, s.end + params.postRollS),
  }));
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
