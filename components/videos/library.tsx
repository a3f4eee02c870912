"use client";

import { useState } from "react";
import { UploadList } from "../upload/upload-list";
import { UploadZone } from "../upload/upload-zone";
import { NO_FILTERS, pageCount } from "./library-query";
import { LibraryToolbar } from "./library-toolbar";
import { SelectionBar } from "./selection-bar";
import { useLibraryFilters } from "./use-library-filters";
import { useLibrary } from "./use-videos";
import { VideoRow } from "./video-row";

export function Library({ canEdit }: { canEdit: boolean }) {
  const [filters, setFilters] = useLibraryFilters();
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const lib = useLibrary(filters);
  const page = lib.data;
  const pages = page ? pageCount(page.total, page.pageSize) : 1;
  const filtered = JSON.stringify({ ...filters, page: 1 }) !== JSON.stringify(NO_FILTERS);

  const toggle = (id: string, title: string, on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(id, title);
      else next.delete(id);
      return next;
    });
  const allOnPage = Boolean(page?.videos.length) && page!.videos.every((v) => selected.has(v.id));

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Library</h1>
        {page && (
          <span className="muted" data-testid="library-total">
            {page.total} video{page.total === 1 ? "" : "s"}
            {filtered ? " match" : ""}
          </span>
        )}
      </div>
      {canEdit && <UploadZone />}
      {canEdit && <UploadList />}
      <LibraryToolbar filters={filters} onChange={setFilters} />
      {canEdit && page && page.videos.length > 0 ? (
        <SelectionBar
          selected={[...selected].map(([id, title]) => ({ id, title }))}
          allOnPage={allOnPage}
          onSelectPage={(on) => page.videos.forEach((v) => toggle(v.id, v.title, on))}
          onDone={() => setSelected(new Map())}
        />
      ) : null}
      {lib.isPending && <p className="muted">Loading videos…</p>}
      {lib.isError && (
        <p className="error-text" role="alert">
          Could not load the library: {lib.error.message}
        </p>
      )}
      {page?.total === 0 && (
        <p className="empty">
          {filtered
            ? "No videos match. Clear the search or the filters."
            : canEdit
              ? "No videos yet. Upload a match to get started."
              : "No videos yet."}
        </p>
      )}
      {page && page.videos.length > 0 && (
        <ul className="videos" aria-label="Videos" aria-busy={lib.isPlaceholderData}>
          {page.videos.map((v) => (
            <VideoRow
              key={v.id}
              video={v}
              canEdit={canEdit}
              selected={selected.has(v.id)}
              onSelect={(on) => toggle(v.id, v.title, on)}
            />
          ))}
        </ul>
      )}
      {page && pages > 1 ? (
        <nav className="pagination" aria-label="Pages">
          <button
            type="button"
            className="button"
            disabled={filters.page <= 1}
            onClick={() => setFilters({ ...filters, page: filters.page - 1 })}
          >
            ← Previous
          </button>
          <span data-testid="page-of">
            Page {filters.page} of {pages}
          </span>
          <button
            type="button"
            className="button"
            disabled={filters.page >= pages}
            onClick={() => setFilters({ ...filters, page: filters.page + 1 })}
          >
            Next →
          </button>
        </nav>
      ) : null}
    </div>
  );
}
