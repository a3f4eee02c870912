import type { TLiveDetailDto } from "@/lib/schemas/live";

// Confidence over stream time as one SVG (colours from the page's dark theme, app/globals.css): the curve of the first non-background label, detected ranges
// (settled solid, pending hatched-light), gaps in red and discontinuities as dashed lines. The x axis
// covers the stream so far, so the picture grows while the match plays.
const W = 1000;
const H = 160;
const PAD = 4;

export function LiveTimeline({ detail }: { detail: TLiveDetailDto }) {
  const t = detail.timeline;
  const span = Math.max(detail.streamTimeS, 1);
  const x = (s: number) => PAD + ((W - 2 * PAD) * Math.min(Math.max(s, 0), span)) / span;
  const y = (v: number) => H - PAD - (H - 2 * PAD) * v;
  const label = t?.labels.find((l) => l !== "background") ?? t?.labels[0];
  const values = (label && t?.scores[label]) || [];
  const points = t
    ? t.windows.map(
        (w, i) =>
          `${x((w * t.strideFrames + t.windowFrames / 2) / t.rate).toFixed(1)},${y(values[i] ?? 0).toFixed(1)}`,
      )
    : [];
  return (
    <figure className="card live-chart" aria-label="Live timeline">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`${label ?? "score"} confidence over ${Math.round(span)} s of stream`}
      >
        <rect className="live-chart__bg" x="0" y="0" width={W} height={H} />
        {detail.gapRanges.map((g, i) => (
          <rect
            key={`g${i}`}
            x={x(g.startS)}
            y="0"
            width={Math.max(1, x(g.endS) - x(g.startS))}
            height={H}
            className="live-chart__gap"
          >
            <title>{`gap ${g.startS.toFixed(1)}–${g.endS.toFixed(1)} s: ${g.error ?? "missing"}`}</title>
          </rect>
        ))}
        {detail.detections.map((h) => (
          <rect
            key={h.id}
            x={x(h.startS)}
            y="0"
            width={Math.max(2, x(h.endS) - x(h.startS))}
            height={H}
            className="live-chart__hit"
            data-testid="live-detection"
          >
            <title>{`${h.label} ${h.startS.toFixed(1)}–${h.endS.toFixed(1)} s (peak ${h.peak.toFixed(2)})`}</title>
          </rect>
        ))}
        {detail.pending.map((h, i) => (
          <rect
            key={`p${i}`}
            x={x(h.startS)}
            y="0"
            width={Math.max(2, x(h.endS) - x(h.startS))}
            height={H}
            className="live-chart__open"
          >
            <title>{`${h.label} from ${h.startS.toFixed(1)} s, still open`}</title>
          </rect>
        ))}
        {detail.discontinuities.map((s, i) => (
          <line
            key={`d${i}`}
            x1={x(s)}
            x2={x(s)}
            y1="0"
            y2={H}
            className="live-chart__cut"
            strokeDasharray="4 4"
          />
        ))}
        <line className="live-chart__mid" x1={PAD} x2={W - PAD} y1={y(0.5)} y2={y(0.5)} />
        {points.length > 1 && (
          <polyline className="live-chart__curve" points={points.join(" ")} fill="none" strokeWidth="2" />
        )}
      </svg>
      <figcaption className="muted">
        {label ?? "score"} confidence, 0 – {Math.round(span)} s of stream · green: detected · red: gap
        {detail.scoredBy.length > 0 && " · scored by "}
        {detail.scoredBy
          .map(
            (r) =>
              `${r.version ? `version ${r.version}` : "the installed model"} from ${Math.round(r.startS)} s`,
          )
          .join(", ")}
      </figcaption>
    </figure>
  );
}
