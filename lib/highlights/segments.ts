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

// One score per window for one label; `times` are window centres in seconds, ascending,
// and each window stands for [centre - stepS/2, centre + stepS/2] of the timeline.
export interface ScoreTrack {
  label: string;
  times: ArrayLike<number>;
  scores: ArrayLike<number>;
  stepS: number;
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
