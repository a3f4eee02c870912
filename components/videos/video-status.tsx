"use client";

import Link from "next/link";
import { useState } from "react";
import type { TVideoDto } from "@/lib/schemas/videos";
import { percent } from "../format";
import { failureHelp } from "./failure";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { StatusChip } from "./status-chip";
import { useDeleteVideo, useReanalyzeVideo } from "./use-videos";

type StatusVideo = Pick<
  TVideoDto,
  "id" | "title" | "status" | "stage" | "progress" | "etaSeconds" | "error"
> &
  Partial<Pick<TVideoDto, "job">>;

/** Status chip, and while the video is analysed a progress bar under it (the chip has stage and time left). */
export function VideoProgress({ video }: { video: StatusVideo }) {
  if (video.status === "failed")
    return (
      <span className="chip chip--failed" data-testid="status-chip">
        failed
      </span>
    );
  if (video.status === "ready") return <StatusChip video={video} />;
  const pct = video.status === "processing" ? percent(video.progress) : 0;
  return (
    <div className="video-progress">
      <StatusChip video={video} />
      <div
        className="progress"
        role="progressbar"
        aria-label={`Progress of ${video.title}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress__bar" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A ready video that was only partly analysed (issue #16): which part, so no one trusts a silent gap. */
export function CoverageWarning({ warning }: { warning: string | null }) {
  if (!warning) return null;
  return (
    <p className="coverage-warning" role="status" data-testid="coverage-warning">
      <strong>Partly analysed:</strong> {warning}. Highlights there were not looked for; the file may be cut
      short or damaged.
    </p>
  );
}

/**
 * A failed video: the reason in plain words, what to do, and the buttons to do it (re-analyse, upload
 * again, delete). The raw reason stays one click away for whoever debugs it.
 */
export function FailurePanel({
  video,
  canEdit,
  onDeleted,
}: {
  video: StatusVideo;
  canEdit: boolean;
  onDeleted?: () => void;
}) {
  const help = failureHelp(video.error);
  const reanalyze = useReanalyzeVideo();
  const del = useDeleteVideo();
  const [confirming, setConfirming] = useState(false);
  const error = reanalyze.error;
  return (
    <div className="failure" role="alert" data-testid="failure">
      <p className="failure__reason">
        <strong>Failed.</strong> {help.reason}
      </p>
      <p className="muted failure__advice">{help.advice}</p>
      {video.error ? (
        <details className="failure__details">
          <summary>Technical detail</summary>
          <code>{video.error}</code>
        </details>
      ) : null}
      {canEdit ? (
        <div className="actions">
          {help.actions.map((a) =>
            a === "reanalyze" ? (
              <button
                key={a}
                type="button"
                className="button button--primary"
                disabled={reanalyze.isPending}
                onClick={() => reanalyze.mutate(video.id)}
              >
                {reanalyze.isPending ? "Queuing…" : "Re-analyse"}
              </button>
            ) : a === "upload" ? (
              <Link key={a} className="button" href="/#upload">
                Upload again
              </Link>
            ) : (
              <button
                key={a}
                type="button"
                className="button button--danger"
                disabled={del.isPending}
                onClick={() => {
                  del.reset();
                  setConfirming(true);
                }}
              >
                Delete
              </button>
            ),
          )}
        </div>
      ) : null}
      {error ? <p className="error-text">{error.message}</p> : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete “${video.title}”?`}
        confirmLabel="Delete"
        busy={del.isPending}
        error={del.error?.message}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          del.mutate(video.id, {
            onSuccess: () => {
              setConfirming(false);
              onDeleted?.();
            },
          })
        }
      >
        <p>
          The video, its analyses and clips move to the Trash, where you or an admin can restore them for 30
          days.
        </p>
      </ConfirmDialog>
    </div>
  );
}
