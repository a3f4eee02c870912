import { describe, expect, it } from "vitest";
import { filtersFromQuery, filtersQuery, libraryUrl, NO_FILTERS, type LibraryFilters } from "./library-query";

describe("library filters in the URL", () => {
  it("round-trips every filter through the page's query string", () => {
    const f: LibraryFilters = { q: "Brazil v", status: "ready", highlights: "with", sort: "name", page: 3 };
    const q = filtersQuery(f);
    expect(q).toBe("q=Brazil+v&status=ready&highlights=with&sort=name&page=3");
    expect(filtersFromQuery(new URLSearchParams(q))).toEqual(f);
    // The API gets the search trimmed; the page URL keeps what is being typed.
    expect(libraryUrl({ ...f, q: " Brazil " })).toBe(
      "/api/videos?q=Brazil&status=ready&highlights=with&sort=name&page=3",
    );
  });

  it("leaves the defaults out: the plain library is /", () => {
    expect(filtersQuery(NO_FILTERS)).toBe("");
    expect(filtersFromQuery(new URLSearchParams(""))).toEqual(NO_FILTERS);
  });

  it("reads values it does not know as their defaults, so an old or edited link still opens", () => {
    const f = filtersFromQuery(new URLSearchParams("status=lost&highlights=many&sort=size&page=-2&q=x"));
    expect(f).toEqual({ ...NO_FILTERS, q: "x" });
    expect(filtersFromQuery(new URLSearchParams("page=2.5")).page).toBe(1);
    expect(filtersFromQuery(new URLSearchParams(`q=${"a".repeat(300)}`)).q).toHaveLength(200);
  });
});
