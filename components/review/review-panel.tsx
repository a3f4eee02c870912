"use client";

import { Fragment, useState } from "react";
import type { THighlightDto, THighlightStatus } from "@/lib/schemas/highlights";
import { frameSpan } from "@/lib/highlights/frame-span";
import { CardLinks } from "./card-links";
import { matchTime, timecode, timeOfFrame } from "./frames";
import { HighlightWords } from "./highlight-words";
import { KickTags } from "./kick-tags";
import { jobStatusText } from "../status/job-status";
import type { TVariant } from "@/lib/reframe/variant";
import { AspectLink } from "../reframe/aspect-downloads";

interface Props {
  videoId: string;
  highlights: THighlightDto[];
  /** the original's frame rate and length: durations read as timecode + frames, as in clips and exports */
  fps: number;
  durationS: number;
  selectedId: string | null;
  canEdit: boolean;
  onSelect: (h: THighlightDto) => void;
  onPlay: (h: THighlightDto) => void;
  onStatus: (h: THighlightDto, status: THighlightStatus) => void;
  onAcceptAbove: (threshold: number) => void;
  /** issue #29: the aspect and brand chosen in the room; any but the cut adds its download to each card */
  variant: TVariant;
}

const STATUSES: THighlightStatus[] = ["suggested", "accepted", "edited", "rejected"];

/** "00:00:05:12 · 137 frames": the clip's own length, counted as the cutter and the exports count it. */
export function span(h: Pick<THighlightDto, "startS" | "endS">, fps: number, durationS: number): string {
  return spanParts(h, fps, durationS).join(" · ");
}

function spanParts(h: Pick<THighlightDto, "startS" | "endS">, fps: number, durationS: number): string[] {
  const { frames } = frameSpan(h.startS, h.endS, fps, durationS);
  return [timecode(timeOfFrame(frames, fps), fps), `${frames} frames`];
}

const cutting = (h: THighlightDto) => h.clipStatus === "cutting" || h.clipStale;

/** Cards of the current highlights: review at a glance, play in place, decide, download. */
export function ReviewPanel(p: Props) {
  const [label, setLabel] = useState("all");
  const [status, setStatus] = useState<"all" | THighlightStatus>("all");
  const [above, setAbove] = useState(0.8);
  const labels = [...new Set(p.highlights.map((h) => h.label))].sort();
  const shown = p.highlights.filter(
    (h) => (label === "all" || h.label === label) && (status === "all" || h.status === status),
  );
  const eligible = p.highlights.filter((h) => h.status === "suggested" && h.peak >= above).length;

  return (
    <section className="stack" aria-labelledby="review-cards-title">
      <div className="page-head">
        <h2 id="review-cards-title">
          Highlights{" "}
          <span className="muted" data-testid="highlight-count">
            {p.highlights.length}
          </span>
        </h2>
        <div className="actions review-filters">
          <label>
            Class{" "}
            <select className="input" value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
              <option value="all">All</option>
              {labels.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
          <label>
            Status{" "}
            <select
              className="input"
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
            >
              <option value="all">All</option>
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          {p.canEdit ? (
            <form
              className="review-accept-above"
              onSubmit={(e) => {
                e.preventDefault();
                p.onAcceptAbove(above);
              }}
            >
              <label>
                Accept all with confidence ≥{" "}
                <input
                  className="input"
                  type="number"
                  min={0}
                  max={1}
                  step={0.01}
                  value={above}
                  onChange={(e) => setAbove(Number(e.currentTarget.value))}
                />
              </label>
              <button type="submit" className="button" disabled={eligible === 0}>
                Accept {eligible}
              </button>
            </form>
          ) : null}
        </div>
      </div>
      {shown.length === 0 ? <p className="muted">No highlights match.</p> : null}
      <ol className="review-cards">
        {shown.map((h) => (
          <li
            key={h.id}
            className={`review-card review-card--${h.status}${h.id === p.selectedId ? " review-card--selected" : ""}`}
            data-testid="review-card"
            data-status={h.status}
            data-highlight-id={h.id}
            aria-current={h.id === p.selectedId ? "true" : undefined}
          >
            <button
              type="button"
              className="review-card__poster"
              onClick={() => p.onSelect(h)}
              aria-label={`Select ${h.label} at ${matchTime(h.startS)}`}
            >
              {h.posterUrl ? (
                // Presigned S3 URL: not for the image optimiser.
                // eslint-disable-next-line @next/next/no-img-element
                <img src={h.posterUrl} alt="" width={160} height={90} loading="lazy" />
              ) : (
                <span className="poster__placeholder" />
              )}
            </button>
            <div className="review-card__body">
              <div>
                <strong>{h.label}</strong> <span>{matchTime(h.startS)}</span>{" "}
                <span className="muted" data-testid="card-duration">
                  {/* Each part keeps to one line: "411 / frames" broke in the middle. */}
                  {[...spanParts(h, p.fps, p.durationS), `peak ${Math.round(h.peak * 100)} %`].map(
                    (part, i) => (
                      <Fragment key={i}>
                        {i > 0 ? " · " : ""}
                        <span className="nowrap">{part}</span>
                      </Fragment>
                    ),
                  )}
                </span>
              </div>
              <div>
                <span className={`chip chip--${h.status}`}>{h.status}</span>{" "}
                <span className="muted" data-testid="clip-state" aria-live="polite">
                  {cutting(h)
                    ? h.clipJob
                      ? jobStatusText(h.clipJob, "cutting")
                      : "cutting…"
                    : h.clipStatus === "failed"
                      ? `cut failed: ${h.clipError ?? ""}`
                      : ""}
                </span>
              </div>
              <HighlightWords h={h} videoId={p.videoId} canEdit={p.canEdit} />
              <KickTags h={h} videoId={p.videoId} canEdit={p.canEdit} />
              <div className="actions">
                <button type="button" className="button" onClick={() => p.onPlay(h)}>
                  Play
                </button>
                <CardLinks
                  h={h}
                  videoId={p.videoId}
                  canEdit={p.canEdit}
                  ready={!cutting(h)}
                  variant={p.variant}
                />
                {h.clipUrl && !cutting(h) ? (
                  <a className="button" href={h.clipUrl} download={h.downloadName}>
                    Download
                  </a>
                ) : null}
                {h.clipUrl && !cutting(h) ? (
                  <AspectLink h={h} videoId={p.videoId} variant={p.variant} />
                ) : null}
                {p.canEdit ? (
                  <>
                    <button
                      type="button"
                      className="button"
                      disabled={h.status === "accepted"}
                      onClick={() => p.onStatus(h, "accepted")}
                    >
                      Accept
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={h.status === "rejected"}
                      onClick={() => p.onStatus(h, "rejected")}
                    >
                      Reject
                    </button>
                  </>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
