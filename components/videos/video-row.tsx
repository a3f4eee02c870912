"use client";

import Link from "next/link";
import { useState } from "react";
import type { TVideoDto } from "../../lib/schemas/videos";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { PlayIcon, TrashIcon } from "../ui/icons";
import { formatDate, formatDuration, formatResolution } from "../format";
import { EditableTitle } from "./editable-title";
import { StatusChip } from "./status-chip";
import { useStableUrl } from "./use-stable-url";
import { useDeleteVideo } from "./use-videos";

export function VideoRow({ video, canEdit }: { video: TVideoDto; canEdit: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const del = useDeleteVideo();
  const poster = useStableUrl(video.posterUrl);

  return (
    <li className="video-row" data-testid="video-row" data-status={video.status} aria-label={video.title}>
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
      </Link>
      <div className="video-row__body">
        <EditableTitle id={video.id} title={video.title} editable={canEdit} />
        <dl className="meta">
          <div>
            <dt>Duration</dt>
            <dd data-testid="video-duration">{formatDuration(video.durationS)}</dd>
          </div>
          <div>
            <dt>Resolution</dt>
            <dd data-testid="video-resolution">{formatResolution(video.width, video.height)}</dd>
          </div>
          <div>
            <dt>Uploaded by</dt>
            <dd>{video.owner.name}</dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd>
              <time dateTime={video.createdAt}>{formatDate(video.createdAt)}</time>
            </dd>
          </div>
        </dl>
      </div>
      <div className="video-row__side">
        <StatusChip video={video} />
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
