"use client";

import Link from "next/link";
import { formatBytes } from "../../lib/uploads/names";
import { formatDate, formatDuration, formatResolution } from "../format";
import { EditableTitle } from "./editable-title";
import { StatusChip } from "./status-chip";
import { useVideo } from "./use-videos";

export function VideoDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { data: video, error, isPending } = useVideo(id);

  if (isPending) return <p className="muted">Loading…</p>;
  if (error) {
    return (
      <div className="stack">
        <p className="error-text" role="alert">
          {error.message}
        </p>
        <Link href="/">Back to the library</Link>
      </div>
    );
  }

  const rows: [string, string][] = [
    ["Original file", video.originalName],
    ["Size", formatBytes(video.size)],
    ["Duration", formatDuration(video.durationS)],
    ["Resolution", formatResolution(video.width, video.height)],
    ["Frame rate", video.fps ? `${video.fps.toFixed(2)} fps` : "–"],
    ["Codecs", [video.videoCodec, video.audioCodec].filter(Boolean).join(" / ") || "–"],
    ["Uploaded by", video.owner.name],
    ["Uploaded", formatDate(video.createdAt)],
  ];

  return (
    <div className="stack" data-testid="video-detail">
      <Link href="/" className="muted">
        ← Library
      </Link>
      <div className="page-head">
        <h1>
          <EditableTitle id={video.id} title={video.title} editable={canEdit} />
        </h1>
        <StatusChip video={video} />
      </div>
      <div className="detail">
        <video
          className="player"
          controls
          preload="metadata"
          src={video.sourceUrl}
          aria-label={`Play ${video.title}`}
        />
        <dl className="facts">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
