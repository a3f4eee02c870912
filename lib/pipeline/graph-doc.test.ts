import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { graph, jobNames } from "./graph";
import { BEGIN, END, renderJobGraph, withJobGraph } from "./graph-doc";

describe("the generated job graph of docs/architecture.md", () => {
  it("states every job's edges and every entry point as graph.ts declares them", () => {
    const lines = renderJobGraph().split("```")[1].trim().split("\n");
    const edges = new Map(
      lines.map((l) => {
        const [from, to] = l.split(" ─► ");
        return [from.trim(), to === "(nothing)" ? [] : to.split(", ")];
      }),
    );
    for (const name of jobNames) {
      expect(edges.get(name)).toEqual([...graph[name].next]);
      for (const entry of graph[name].entry) expect(edges.get(entry)).toContain(name);
    }
  });

  it("replaces only what lies between the markers, and refuses a file without them", () => {
    const doc = `# A\n\nbefore\n${BEGIN}\nstale\n${END}\nafter\n`;
    const out = withJobGraph(doc);
    expect(out.startsWith("# A\n\nbefore\n")).toBe(true);
    expect(out.endsWith(`${END}\nafter\n`)).toBe(true);
    expect(out).not.toContain("stale");
    expect(withJobGraph(out)).toBe(out);
    expect(() => withJobGraph("# no markers\n")).toThrow(/job-graph markers are missing/);
  });

  it("is current in the checked-in file (what `npm run docs --check` enforces)", () => {
    const file = readFileSync(path.join(__dirname, "../../docs/architecture.md"), "utf8");
    expect(withJobGraph(file)).toBe(file);
  });
});
