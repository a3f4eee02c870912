"use client";

import { formatBytes } from "@/lib/uploads/names";
import { formatDate, formatDuration, formatResolution } from "../format";
import { StatusChip } from "../videos/status-chip";
import { useVideo } from "../videos/use-videos";

/** The video's status (progress while it is analysed) and the original file's facts. */
export function FileFacts({ id }: { id: string }) {
  const { data: video } = useVideo(id);
  if (!video) return null;
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
    <div className="stack file-facts">
      <StatusChip video={video} />
      <details>
        <summary>File details</summary>
        <dl className="facts">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
