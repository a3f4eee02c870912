import type { HeldOutCounts } from "./windows";

// Pure: the numbers a model version is shown with, and whether a retrained head may replace the
// active one. Browser-safe.

export interface HeldOutMetrics extends HeldOutCounts {
  precision: number | null;
  recall: number | null;
  falsePer10Min: number | null;
  /** mean -log p(target) over the labelled windows of the held-out videos */
  windowLogLoss: number | null;
  windows: number;
}

export function metricsOf(c: HeldOutCounts, logLoss: { sum: number; n: number }): HeldOutMetrics {
  const trueHighlights = c.highlights - c.falseHighlights;
  return {
    ...c,
    precision:
      trueHighlights + c.falseHighlights > 0 ? trueHighlights / (trueHighlights + c.falseHighlights) : null,
    recall: c.events > 0 ? c.found / c.events : null,
    falsePer10Min: c.minutes > 0 ? (10 * c.falseHighlights) / c.minutes : null,
    windowLogLoss: logLoss.n > 0 ? logLoss.sum / logLoss.n : null,
    windows: logLoss.n,
  };
}

/** A label the active head lacks, with the new head's own held-out numbers for it (issue #14 item 4). */
export interface NewLabelResult {
  label: string;
  metrics: HeldOutMetrics;
}

/** What a new label adds, in words; a gain only where it finds some of its held-out examples. */
function newLabelGain({ label, metrics: m }: NewLabelResult): { gain: boolean; text: string } {
  if (m.events === 0) return { gain: false, text: `learns "${label}" (no held-out example to check it on)` };
  const text = `learns "${label}": finds ${m.found} of ${m.events} held-out examples, ${m.falseHighlights} false highlight${m.falseHighlights === 1 ? "" : "s"}`;
  return { gain: m.found > 0, text };
}

/**
 * A retrained head replaces the active one only if, on the held-out videos, it finds every event the
 * active head finds, adds no false highlight, and is better on at least one of: fewer false
 * highlights, more events found, lower window log-loss, or a new label that finds some of its
 * held-out examples. The known labels are judged on their own (a new label cannot make them "better"
 * or "worse"); a new label has no active baseline, so its numbers are reported as they are. The
 * sentence says which.
 */
export function judge(
  candidate: HeldOutMetrics,
  active: HeldOutMetrics,
  learnt: readonly NewLabelResult[] = [],
): { better: boolean; verdict: string } {
  const worse: string[] = [];
  if (candidate.found < active.found)
    worse.push(`finds ${candidate.found} of ${candidate.events} events (active: ${active.found})`);
  if (candidate.falseHighlights > active.falseHighlights)
    worse.push(`${candidate.falseHighlights} false highlights (active: ${active.falseHighlights})`);
  const gains: string[] = [];
  if (candidate.falseHighlights < active.falseHighlights)
    gains.push(`false highlights ${active.falseHighlights} → ${candidate.falseHighlights}`);
  if (candidate.found > active.found) gains.push(`events found ${active.found} → ${candidate.found}`);
  const ll = (m: HeldOutMetrics) => m.windowLogLoss ?? Infinity;
  if (ll(candidate) < ll(active))
    gains.push(`window log-loss ${ll(active).toFixed(3)} → ${ll(candidate).toFixed(3)}`);
  const added = learnt.map(newLabelGain);
  gains.push(...added.filter((a) => a.gain).map((a) => a.text));
  const notes = added
    .filter((a) => !a.gain)
    .map((a) => ` It ${a.text}.`)
    .join("");
  const where = `on ${active.minutes.toFixed(1)} held-out minutes (${active.events} events, ${active.windows} labelled windows)`;
  if (worse.length > 0)
    return {
      better: false,
      verdict: `Not activated: worse than the active model ${where}: ${worse.join("; ")}.${notes}`,
    };
  if (gains.length === 0)
    return { better: false, verdict: `Not activated: no better than the active model ${where}.${notes}` };
  return { better: true, verdict: `Beats the active model ${where}: ${gains.join("; ")}.${notes}` };
}
