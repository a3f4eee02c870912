"use client";

import { UploadList } from "../upload/upload-list";
import { UploadZone } from "../upload/upload-zone";
import { useVideos } from "./use-videos";
import { VideoRow } from "./video-row";

export function Library({ canEdit }: { canEdit: boolean }) {
  const videos = useVideos();

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Library</h1>
        {videos.data && (
          <span className="muted">
            {videos.data.length} video{videos.data.length === 1 ? "" : "s"}
          </span>
        )}
      </div>
      {canEdit && <UploadZone />}
      {canEdit && <UploadList />}
      {videos.isPending && <p className="muted">Loading videos…</p>}
      {videos.isError && (
        <p className="error-text" role="alert">
          Could not load the library: {videos.error.message}
        </p>
      )}
      {videos.data?.length === 0 && (
        <p className="empty">
          {canEdit ? "No videos yet. Upload a match to get started." : "No videos yet."}
        </p>
      )}
      {videos.data && videos.data.length > 0 && (
        <ul className="videos" aria-label="Videos">
          {videos.data.map((v) => (
            <VideoRow key={v.id} video={v} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </div>
  );
}
