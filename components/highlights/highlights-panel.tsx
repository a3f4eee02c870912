"use client";

import type { THighlightDto, THighlightStatus } from "../../lib/schemas/highlights";
import { formatDuration } from "../format";
import { useBuildReel, useHighlights, usePatchHighlight, useReel } from "./use-highlights";

const EXPORTS = [
  ["json", "JSON"],
  ["csv", "CSV"],
  ["edl", "EDL (CMX3600)"],
  ["fcpxml", "Final Cut XML"],
  ["otio", "OpenTimelineIO"],
  ["chapters", "YouTube chapters"],
] as const;

const clipLabel: Record<THighlightDto["clipStatus"], string> = {
  none: "not cut",
  cutting: "cutting…",
  ready: "ready",
  failed: "cut failed",
};

const stamp = (s: number) => `${Math.floor(s / 60)}:${(s % 60).toFixed(2).padStart(5, "0")}`;

/** Highlights of one video: clip status, downloads, review buttons, reel and exports. */
export function HighlightsPanel({ videoId, canEdit }: { videoId: string; canEdit: boolean }) {
  const list = useHighlights(videoId);
  const patch = usePatchHighlight(videoId);
  const reel = useReel(videoId);
  const build = useBuildReel(videoId);

  if (list.isPending) return <p className="muted">Loading highlights…</p>;
  if (list.error)
    return (
      <p className="error-text" role="alert">
        {list.error.message}
      </p>
    );
  const { highlights } = list.data;
  if (highlights.length === 0) return <p className="muted">No highlights yet.</p>;
  const anyClip = highlights.some((h) => h.clipUrl && h.status !== "rejected");
  const setStatus = (id: string, status: THighlightStatus) => patch.mutate({ id, status });

  return (
    <section className="stack" aria-label="Highlights" data-testid="highlights-panel">
      <div className="page-head">
        <h2>Highlights</h2>
        <div className="actions">
          {anyClip ? (
            <a className="button" href={`/api/videos/${videoId}/clips.zip`} download>
              Download all (ZIP)
            </a>
          ) : null}
          <details className="menu">
            <summary className="button">Export…</summary>
            <ul>
              {EXPORTS.map(([format, label]) => (
                <li key={format}>
                  <a href={`/api/videos/${videoId}/export?format=${format}`} download>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </details>
        </div>
      </div>
      {patch.error ? (
        <p className="error-text" role="alert">
          {patch.error.message}
        </p>
      ) : null}
      <ol className="highlight-list">
        {highlights.map((h) => (
          <li key={h.id} className={`highlight highlight--${h.status}`}>
            {h.posterUrl ? (
              // Presigned S3 URLs are not for the image optimiser: a plain <img>, as in the library.
              // eslint-disable-next-line @next/next/no-img-element
              <img src={h.posterUrl} alt="" width={160} height={90} loading="lazy" />
            ) : null}
            <div>
              <strong>{h.label}</strong> {stamp(h.startS)}–{stamp(h.endS)} (
              {formatDuration(h.endS - h.startS)}) · <span className="muted">{h.status}</span> · clip{" "}
              {clipLabel[h.clipStatus]}
              {h.clipStale ? " (updating)" : ""}
              {h.clipError ? <span className="error-text"> {h.clipError}</span> : null}
            </div>
            <div className="actions">
              {h.clipUrl ? (
                <a className="button" href={h.clipUrl} download={h.downloadName}>
                  Download
                </a>
              ) : null}
              {canEdit ? (
                <>
                  <button
                    type="button"
                    onClick={() => setStatus(h.id, "accepted")}
                    disabled={h.status === "accepted"}
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    onClick={() => setStatus(h.id, "rejected")}
                    disabled={h.status === "rejected"}
                  >
                    Reject
                  </button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <div className="stack">
        <h3>Highlight reel</h3>
        {reel.data ? (
          <p className="muted">
            {reel.data.rule === "accepted"
              ? `${reel.data.count} accepted highlight(s), in time order.`
              : `Nothing accepted yet: ${reel.data.count} suggested highlight(s) that are not rejected.`}
            {reel.data.status === "cutting" ? ` Building… ${Math.round(reel.data.progress * 100)} %` : ""}
            {reel.data.status === "failed" ? ` Failed: ${reel.data.error}` : ""}
          </p>
        ) : null}
        <div className="actions">
          {canEdit ? (
            <button
              type="button"
              onClick={() => build.mutate()}
              disabled={build.isPending || reel.data?.status === "cutting" || reel.data?.count === 0}
            >
              {reel.data?.url ? "Rebuild reel" : "Build reel"}
            </button>
          ) : null}
          {reel.data?.url && reel.data.status !== "cutting" ? (
            <a className="button" href={reel.data.url} download={reel.data.downloadName}>
              Download reel
            </a>
          ) : null}
        </div>
        {build.error ? (
          <p className="error-text" role="alert">
            {build.error.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
