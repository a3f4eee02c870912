import { describe, expect, it } from "vitest";
import { canTransition, sourcesOf, videoTransitions } from "./lifecycle";

describe("video lifecycle", () => {
  it("allows the moves of an upload's way to ready, and failing from anywhere", () => {
    expect(canTransition("queued", "processing")).toBe(true);
    expect(canTransition("processing", "ready")).toBe(true);
    expect(canTransition("ready", "processing")).toBe(true); // a new analysis
    for (const from of Object.keys(videoTransitions) as (keyof typeof videoTransitions)[]) {
      expect(canTransition(from, "failed")).toBe(true);
    }
  });

  it("refuses skipping analysis, a failed video made ready, and a running one sent back to queued", () => {
    expect(canTransition("queued", "ready")).toBe(false);
    expect(canTransition("failed", "ready")).toBe(false);
    expect(canTransition("processing", "queued")).toBe(false);
    expect(canTransition("queued", "queued")).toBe(false);
  });

  it("lets the editor's re-analysis start a ready or failed video over", () => {
    expect(canTransition("failed", "processing")).toBe(true);
    expect(canTransition("failed", "queued")).toBe(true);
    expect(canTransition("ready", "queued")).toBe(true);
  });

  it("lists the statuses a move may start from (the compare-and-set's where)", () => {
    expect(sourcesOf("ready").sort()).toEqual(["processing", "ready"]);
    expect(sourcesOf("processing").sort()).toEqual(["failed", "processing", "queued", "ready"]);
    expect(sourcesOf("queued").sort()).toEqual(["failed", "ready"]);
  });
});
