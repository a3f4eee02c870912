"use client";

import { useEffect, useState } from "react";
import type { LibraryFilters } from "./library-query";

interface Props {
  filters: LibraryFilters;
  onChange: (next: LibraryFilters) => void;
}

// Typing waits this long before it asks the server (one request per pause, not per key).
const SEARCH_DEBOUNCE_MS = 250;

/** Search by title, filter by status and by "has highlights", sort. Every change goes back to page 1. */
export function LibraryToolbar({ filters, onChange }: Props) {
  const [text, setText] = useState(filters.q);
  // Back/Forward or a link changed the search: the box shows it (before the debounce below can resend
  // the old text).
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text === filters.q) return;
    const t = window.setTimeout(() => onChange({ ...filters, q: text, page: 1 }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, filters, onChange]);
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) =>
    onChange({ ...filters, [key]: value, page: 1 });

  return (
    <div className="library-toolbar" role="search">
      <label className="library-toolbar__search">
        <span className="visually-hidden">Search titles</span>
        <input
          className="input"
          type="search"
          placeholder="Search titles…"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <label>
        Status{" "}
        <select
          className="input"
          value={filters.status}
          onChange={(e) => set("status", e.currentTarget.value as LibraryFilters["status"])}
        >
          <option value="">Any</option>
          <option value="ready">Ready</option>
          <option value="processing">Processing</option>
          <option value="queued">Queued</option>
          <option value="failed">Failed</option>
        </select>
      </label>
      <label>
        Highlights{" "}
        <select
          className="input"
          value={filters.highlights}
          onChange={(e) => set("highlights", e.currentTarget.value as LibraryFilters["highlights"])}
        >
          <option value="">Any</option>
          <option value="with">With highlights</option>
          <option value="without">Without</option>
        </select>
      </label>
      <label>
        Sort{" "}
        <select
          className="input"
          value={filters.sort}
          onChange={(e) => set("sort", e.currentTarget.value as LibraryFilters["sort"])}
        >
          <option value="date">Newest first</option>
          <option value="name">Name</option>
          <option value="highlights">Most highlights</option>
        </select>
      </label>
    </div>
  );
}
