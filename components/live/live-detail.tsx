"use client";

import Link from "next/link";
import { liveIsActive } from "@/lib/schemas/live";
import { formatDuration } from "../format";
import { liveFailureHelp } from "./live-failure";
import { LiveStatusChip } from "./live-status";
import { LiveTimeline } from "./live-timeline";
import { useLiveSource, useStopLiveSource } from "./use-live";
import { jobStatusText } from "../status/job-status";

export function LiveDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const q = useLiveSource(id);
  const stop = useStopLiveSource();
  if (q.isPending) return <p className="muted">Loading…</p>;
  if (q.isError)
    return (
      <p className="error-text" role="alert">
        Could not load the live source: {q.error.message}
      </p>
    );
  const d = q.data;
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{d.title}</h1>
        <LiveStatusChip source={d} />
        {canEdit && liveIsActive(d.status) && !d.stopRequested && (
          <button
            className="button button--danger"
            type="button"
            onClick={() => stop.mutate(d.id)}
            disabled={stop.isPending}
          >
            Stop
          </button>
        )}
      </div>
      {d.status === "failed" && <LiveFailure error={d.error} />}
      {d.error && d.status !== "failed" && (
        <p className="error-text" role="status">
          {d.error}
        </p>
      )}
      {stop.isError && (
        <p className="error-text" role="alert">
          {stop.error.message}
        </p>
      )}
      {/* Each label beside its value (a pair per row), not the whole page's width apart. */}
      <dl className="facts facts--pairs" data-testid="live-facts">
        <div>
          <dt>Playlist</dt>
          <dd>
            {d.url}
            {d.variant ? ` (variant ${d.variant})` : ""}
          </dd>
        </div>
        <div>
          <dt>Stream time</dt>
          <dd>{formatDuration(d.streamTimeS)}</dd>
        </div>
        <div>
          <dt>Segments</dt>
          <dd>
            {d.recordedSegments} recorded{d.gaps > 0 ? `, ${d.gaps} missing (gaps)` : ""}
          </dd>
        </div>
        <div>
          <dt>Recording</dt>
          <dd>
            {d.videoId ? (
              <Link href={`/videos/${d.videoId}`}>open in the library</Link>
            ) : d.recordingError ? (
              <span className="error-text">{d.recordingError}</span>
            ) : liveIsActive(d.status) ? (
              "recording…"
            ) : (
              "finalising…"
            )}
          </dd>
        </div>
      </dl>
      <LiveTimeline detail={d} />
      <section aria-label="Detections">
        <h2>Detections</h2>
        {d.detections.length === 0 && d.pending.length === 0 && (
          <p className="empty">Nothing detected yet.</p>
        )}
        <ul className="stack">
          {d.detections.map((h) => (
            <li key={h.id}>
              <strong>{h.label}</strong> {formatDuration(h.startS)} – {formatDuration(h.endS)} · peak{" "}
              {h.peak.toFixed(2)} ·{" "}
              {h.clipUrl ? (
                <a href={h.clipUrl} download>
                  Download clip
                </a>
              ) : h.clipStatus === "failed" ? (
                <span className="error-text">clip failed: {h.clipError}</span>
              ) : (
                <span className="muted" data-testid="live-clip-state">
                  {h.clipJob ? jobStatusText(h.clipJob, "cutting clip") : "cutting clip…"}
                </span>
              )}
            </li>
          ))}
          {d.pending.map((h, i) => (
            <li key={`p${i}`} className="muted">
              {h.label} from {formatDuration(h.startS)} — still open
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** Why following stopped, in plain words, and what to do: the raw reason stays one click away. */
function LiveFailure({ error }: { error: string | null }) {
  const help = liveFailureHelp(error);
  return (
    <div className="failure" role="alert" data-testid="failure">
      <p>
        <strong>Failed.</strong> {help.reason}
      </p>
      <p className="muted">{help.advice}</p>
      {error ? (
        <details className="failure__details">
          <summary>Technical detail</summary>
          <code>{error}</code>
        </details>
      ) : null}
      <div className="actions">
        <Link className="button" href="/live">
          Add a stream
        </Link>
      </div>
    </div>
  );
}
