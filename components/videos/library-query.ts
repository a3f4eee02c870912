// The library's search, filters, sort and page as one value: the query key and the API's query string.
import type { TVideoStatus } from "@/lib/schemas/videos";

export interface LibraryFilters {
  q: string;
  status: TVideoStatus | "";
  highlights: "with" | "without" | "";
  sort: "date" | "name" | "highlights";
  page: number;
}

export const NO_FILTERS: LibraryFilters = { q: "", status: "", highlights: "", sort: "date", page: 1 };

/** GET /api/videos?… with only the parts that differ from the defaults. */
export function libraryUrl(f: LibraryFilters): string {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set("q", f.q.trim());
  if (f.status) p.set("status", f.status);
  if (f.highlights) p.set("highlights", f.highlights);
  if (f.sort !== "date") p.set("sort", f.sort);
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `/api/videos?${s}` : "/api/videos";
}

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));
