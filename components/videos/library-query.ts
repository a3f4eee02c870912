// The library's search, filters, sort and page as one value: the query key, the API's query string and
// the page's own URL (issue #24: a reload, Back or a shared link shows the same view).
import { ZVideoStatus, type TVideoStatus } from "@/lib/schemas/videos";

export interface LibraryFilters {
  q: string;
  status: TVideoStatus | "";
  highlights: "with" | "without" | "";
  sort: "date" | "name" | "highlights";
  page: number;
}

export const NO_FILTERS: LibraryFilters = { q: "", status: "", highlights: "", sort: "date", page: 1 };

/** The query string (without "?") with only the parts that differ from the defaults. */
export function filtersQuery(f: LibraryFilters): string {
  const p = new URLSearchParams();
  // Untrimmed: the page URL keeps the space the editor is typing ("Brazil v…"); the API trims.
  if (f.q.trim()) p.set("q", f.q);
  if (f.status) p.set("status", f.status);
  if (f.highlights) p.set("highlights", f.highlights);
  if (f.sort !== "date") p.set("sort", f.sort);
  if (f.page > 1) p.set("page", String(f.page));
  return p.toString();
}

/** GET /api/videos?… */
export function libraryUrl(f: LibraryFilters): string {
  const s = filtersQuery({ ...f, q: f.q.trim() });
  return s ? `/api/videos?${s}` : "/api/videos";
}

const HIGHLIGHTS = ["with", "without"] as const;
const SORTS = ["date", "name", "highlights"] as const;
const pick = <T extends string>(options: readonly T[], v: string | null, fallback: T): T =>
  options.includes(v as T) ? (v as T) : fallback;

/**
 * The page URL's query back to filters. A hand-edited or stale link never breaks the page: a value it
 * does not know reads as its default ("sort=size" sorts by date).
 */
export function filtersFromQuery(q: URLSearchParams): LibraryFilters {
  const page = Number(q.get("page"));
  const status = ZVideoStatus.safeParse(q.get("status"));
  return {
    q: (q.get("q") ?? "").slice(0, 200),
    status: status.success ? status.data : "",
    highlights: pick(HIGHLIGHTS, q.get("highlights"), ""),
    sort: pick(SORTS, q.get("sort"), "date"),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));
