import { describe, expect, it } from "vitest";
import { ZExportFormat } from "@/lib/exports";
import { EXPORT_FORMATS } from "./export-formats";

describe("download menu", () => {
  it("offers every export format the API has, each with a one-line hint", () => {
    expect(Object.keys(EXPORT_FORMATS).sort()).toEqual([...ZExportFormat.options].sort());
    for (const f of Object.values(EXPORT_FORMATS)) {
      expect(f.hint.length).toBeGreaterThan(10);
      expect(f.hint).not.toMatch(/\n/);
    }
  });
});
