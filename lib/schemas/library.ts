import { z } from "zod";
import { ZVideoStatus, type TVideoDto } from "./videos";

export const LIBRARY_PAGE_SIZE = 20;

/** GET /api/videos: search, filters, sort and page of the library (all optional). */
export const ZLibraryQuery = z.object({
  q: z.string().trim().max(200, "Search text is too long").optional(),
  status: ZVideoStatus.optional(),
  highlights: z.enum(["with", "without"]).optional(),
  sort: z.enum(["date", "name", "highlights"]).default("date"),
  page: z.coerce.number().int().min(1, "Pages start at 1").default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "At most 100 videos per page").default(LIBRARY_PAGE_SIZE),
});
export type TLibraryQuery = z.infer<typeof ZLibraryQuery>;

export interface TLibraryVideoDto extends TVideoDto {
  /** the current analysis's highlights: accepted (an edited one counts as accepted) and suggested */
  highlights: { accepted: number; suggested: number };
  /** the most confident highlight that is not rejected: its clip poster and confidence */
  best: { id: string; label: string; startS: number; confidence: number; posterUrl: string | null } | null;
}

export interface TLibraryPage {
  videos: TLibraryVideoDto[];
  /** videos matching the search and filters (all pages) */
  total: number;
  page: number;
  pageSize: number;
}
