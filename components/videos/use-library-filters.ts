"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { filtersFromQuery, filtersQuery, type LibraryFilters } from "./library-query";

/**
 * The library's filters live in the page URL (issue #24): a reload, Back/Forward and a pasted link show
 * the same view. The browser's own history API is enough: Next.js folds pushState into
 * useSearchParams, without a server round trip. Typing in the search replaces the entry (one Back
 * leaves the search, not one letter); every other change is an entry of its own.
 */
export function useLibraryFilters(): [LibraryFilters, (next: LibraryFilters) => void] {
  const params = useSearchParams();
  const query = params.toString();
  const filters = useMemo(() => filtersFromQuery(new URLSearchParams(query)), [query]);
  const set = useCallback(
    (next: LibraryFilters) => {
      const s = filtersQuery(next);
      if (s === filtersQuery(filters)) return;
      const url = s ? `${window.location.pathname}?${s}` : window.location.pathname;
      if (next.q !== filters.q && filters.q !== "" && next.q !== "")
        window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [filters],
  );
  return [filters, set];
}
