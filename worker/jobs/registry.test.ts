import { describe, expect, it } from "vitest";
import { nodeOf } from "@/lib/pipeline/graph";
import { assertRegistryComplete, jobs } from "./registry";

describe("job registry", () => {
  it("has a handler for every job schema, each name once", () => {
    expect(() => assertRegistryComplete()).not.toThrow();
    const names = jobs.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("refuses to boot when a handler is missing", () => {
    expect(() => assertRegistryComplete(jobs.filter((j) => j.name !== "probe"))).toThrow(/probe/);
  });

  it("parses each payload with the schema its graph node declares (the one enqueue parses with)", () => {
    for (const j of jobs) expect(j.schema, j.name).toBe(nodeOf(j.name).schema);
  });
});
