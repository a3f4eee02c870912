import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { graph, jobNames, type JobName } from "./graph";

// The README is where a newcomer reads the pipeline: it must say what the registry says.
const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const architecture = readme.slice(readme.indexOf("## Architecture"), readme.indexOf("## Configuration"));
const blocks = [...architecture.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]);

describe("README architecture section", () => {
  it("lists every job of the registry in the diagram, and no other", () => {
    // Worker column: job names start at column 13, several on a line are separated by ", ".
    const listed = [...blocks[0].matchAll(/^ {13}([a-z-]+(?:, [a-z-]+)*)(?: |$)/gm)].flatMap((m) =>
      m[1].split(", "),
    );
    expect([...listed].sort()).toEqual([...jobNames].sort());
  });

  it("states the job graph's edges and entry points as graph.ts declares them", () => {
    const edges = new Map<string, string[]>();
    for (const line of blocks[1].trim().split("\n")) {
      const m = /^(.+?)\s+─► (\(nothing\)|[a-z-]+(?:, [a-z-]+)*)/.exec(line);
      if (!m) throw new Error(`README job graph line not understood: ${line}`);
      edges.set(m[1], m[2] === "(nothing)" ? [] : m[2].split(", "));
    }
    const expected = new Map<string, string[]>();
    for (const name of jobNames) {
      expected.set(name, [...graph[name].next]);
      for (const entry of graph[name].entry) expected.set(entry, [...(expected.get(entry) ?? []), name]);
    }
    expect(Object.fromEntries(edges)).toEqual(Object.fromEntries(expected));
  });

  it("walks a video from the upload to its clips in declared steps", () => {
    const walk: JobName[] = ["probe", "analyze", "analyze-finalize", "cut-clip"];
    expect(graph.probe.entry).toContain("upload complete");
    for (let i = 1; i < walk.length; i++) {
      expect(graph[walk[i - 1]].next as readonly string[]).toContain(walk[i]);
    }
  });
});
