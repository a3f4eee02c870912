"use client";

import Link from "next/link";
import { useState } from "react";
import type { TLibraryVideoDto } from "@/lib/schemas/library";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { PlayIcon, TrashIcon } from "../ui/icons";
import { formatDate, formatDuration, formatResolution } from "../format";
import { matchTime } from "../review/frames";
import { EditableTitle } from "./editable-title";
import { CoverageWarning, FailurePanel, VideoProgress } from "./video-status";
import { useStableUrl } from "./use-stable-url";
import { useDeleteVideo } from "./use-videos";

interface Props {
  video: TLibraryVideoDto;
  canEdit: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
}

/** One library row: the best moment's picture, counts of highlights, duration, status or failure. */
export function VideoRow({ video, canEdit, selected, onSelect }: Props) {
  const [confirming, setConfirming] = useState(false);
  const del = useDeleteVideo();
  // The best highlight's clip poster says more than the video's first frames; the poster until then.
  const poster = useStableUrl(video.best?.posterUrl ?? video.posterUrl);
  const { accepted, suggested } = video.highlights;
  const failed = video.status === "failed";

  return (
    <li
      className={`video-row${canEdit ? " video-row--selectable" : ""}${selected ? " video-row--selected" : ""}`}
      data-testid="video-row"
      data-status={video.status}
      aria-label={video.title}
    >
      {canEdit ? (
        <label className="video-row__select">
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} />
          <span className="visually-hidden">Select {video.title}</span>
        </label>
      ) : null}
      <Link href={`/videos/${video.id}`} className="poster" tabIndex={-1} aria-hidden>
        {poster.url ? (
          // Presigned S3 URLs change on every poll and are not for the image optimiser: a plain <img>.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={poster.url} alt="" loading="lazy" onError={poster.refresh} />
        ) : (
          <span className="poster__placeholder">
            <PlayIcon />
          </span>
        )}
        {video.best ? (
          <span className="poster__badge" data-testid="best-confidence">
            {Math.round(video.best.confidence * 100)} %
          </span>
        ) : null}
      </Link>
      <div className="video-row__body">
        <EditableTitle id={video.id} title={video.title} editable={canEdit} />
        <dl className="meta">
          <div>
            <dt>Highlights</dt>
            <dd data-testid="highlight-counts">
              {accepted + suggested === 0 ? (
                "none"
              ) : (
                <>
                  <span className="ok-text">{accepted} accepted</span> · {suggested} suggested
                </>
              )}
            </dd>
          </div>
          {video.best ? (
            <div>
              <dt>Best</dt>
              <dd>
                {video.best.label} at {matchTime(video.best.startS)}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Duration</dt>
            <dd data-testid="video-duration">{formatDuration(video.durationS)}</dd>
          </div>
          <div>
            <dt>Resolution</dt>
            <dd data-testid="video-resolution">{formatResolution(video.width, video.height)}</dd>
          </div>
          <div>
            <dt>Uploaded</dt>
            <dd>
              <time dateTime={video.createdAt}>{formatDate(video.createdAt)}</time> by {video.owner.name}
            </dd>
          </div>
        </dl>
      </div>
      <div className="video-row__side">
        <VideoProgress video={video} />
        {canEdit && (
          <button
            className="icon-button icon-button--danger"
            aria-label={`Delete ${video.title}`}
            title="Delete"
            onClick={() => {
              del.reset();
              setConfirming(true);
            }}
          >
            <TrashIcon />
          </button>
        )}
      </div>
      {failed ? (
        // the row's whole width: the reason and its buttons stay readable in a phone's narrow column
        <div className="video-row__failure">
          <FailurePanel video={video} canEdit={canEdit} />
        </div>
      ) : null}
      {video.status === "ready" && video.warning ? (
        <div className="video-row__failure">
          <CoverageWarning warning={video.warning} />
        </div>
      ) : null}
      {canEdit && (
        <ConfirmDialog
          open={confirming}
          title={`Delete “${video.title}”?`}
          confirmLabel="Delete"
          busy={del.isPending}
          error={del.error?.message}
          onCancel={() => setConfirming(false)}
          onConfirm={() => del.mutate(video.id, { onSuccess: () => setConfirming(false) })}
        >
          <p>
            The video, its analyses and highlight clips move to the Trash, where you or an admin can restore
            them for 30 days.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
