import type { HeldOutMetrics } from "@/lib/learn/verdict";

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)} %`);

/** Held-out numbers with what they rest on: never a bare percentage. */
export function HeldOutLine({ m, label }: { m: HeldOutMetrics | null; label: string }) {
  if (!m) return null;
  return (
    <p className="muted" data-testid="held-out">
      <strong>{label}:</strong> precision {pct(m.precision)} · recall {pct(m.recall)} ({m.found} of {m.events}{" "}
      events) · {m.falseHighlights} false highlight{m.falseHighlights === 1 ? "" : "s"}
      {m.falsePer10Min === null ? "" : ` (${m.falsePer10Min.toFixed(1)} per 10 min)`} · on{" "}
      {m.minutes.toFixed(1)} held-out min, {m.windows} labelled windows
    </p>
  );
}
