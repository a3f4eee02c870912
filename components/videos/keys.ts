import type { LibraryFilters } from "./library-query";

export const videoKeys = {
  all: ["videos"] as const,
  lists: () => [...videoKeys.all, "list"] as const,
  list: (f: LibraryFilters) => [...videoKeys.lists(), f] as const,
  detail: (id: string) => [...videoKeys.all, "detail", id] as const,
};
