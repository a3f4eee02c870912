import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { manifestHas, renameInManifest, renameInScores, renameInVersionStats, renameKey } from "./relabel";

describe("renaming a label inside stored JSON", () => {
  it("renames a key in place and leaves objects without it as they are", () => {
    expect(Object.keys(renameKey({ a: 1, cornr: 2, b: 3 }, "cornr", "corner"))).toEqual(["a", "corner", "b"]);
    const same = { a: 1 };
    expect(renameKey(same, "cornr", "corner")).toBe(same);
    expect(renameKey(null, "cornr", "corner")).toBeNull();
  });

  it("renames a version's output, its sha256, segment defaults and per-label metrics", () => {
    const m = {
      id: "penalty-lstm",
      labels: { file: "labels.txt", sha256: "x", names: ["background", "penalty", "cornr"] },
      segmentDefaults: { penalty: { enter: 0.5 }, cornr: { enter: 0.5 } },
      metrics: { heldOut: {}, newLabels: { cornr: { recall: 1 } } },
    };
    const out = renameInManifest(m, "cornr", "corner") as typeof m;
    expect(out.labels.names).toEqual(["background", "penalty", "corner"]);
    expect(out.labels.sha256).toBe(
      createHash("sha256").update("background\npenalty\ncorner\n").digest("hex"),
    );
    expect(Object.keys(out.segmentDefaults)).toEqual(["penalty", "corner"]);
    expect(out.metrics.newLabels).toEqual({ corner: { recall: 1 } });
    expect(manifestHas(m, "cornr")).toBe(true);
    expect(manifestHas(out, "cornr")).toBe(false);
    expect(manifestHas(null, "cornr")).toBe(false);
  });

  it("renames a score file's track, keeping its values and place", () => {
    const f = { labels: ["background", "cornr"], scores: { background: [0.9], cornr: [0.1] } };
    expect(renameInScores(f, "cornr", "corner")).toEqual({
      labels: ["background", "corner"],
      scores: { background: [0.9], corner: [0.1] },
    });
    expect(
      renameInVersionStats({ metrics: null, examples: { newLabels: ["cornr"] } }, "cornr", "corner"),
    ).toEqual({ metrics: null, examples: { newLabels: ["corner"] } });
  });
});
