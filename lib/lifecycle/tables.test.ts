import { describe, expect, it } from "vitest";
import { analysisTransitions } from "../analysis/lifecycle";
import { clipTransitions, reelTransitions } from "../clips/lifecycle";
import { liveTransitions } from "../live/lifecycle";
import { machine, TransitionError } from "./machine";

describe("lifecycle tables (issue #27)", () => {
  it("never sends a clip or a reel back to none, and lets a cut start again from anywhere", () => {
    for (const moves of [clipTransitions, reelTransitions]) {
      const m = machine<keyof typeof moves>("clip", moves);
      expect(m.sourcesOf("none")).toEqual([]);
      expect(m.sourcesOf("cutting").sort()).toEqual(["cutting", "failed", "none", "ready"]);
      expect(m.can("none", "ready")).toBe(false);
    }
  });

  it("completes only a running analysis, and ends every analysis failed if it fails", () => {
    const m = machine<keyof typeof analysisTransitions>("analysis", analysisTransitions);
    expect(m.sourcesOf("complete")).toEqual(["running"]);
    expect(m.sourcesOf("failed").sort()).toEqual(["complete", "failed", "queued", "running"]);
    expect(m.sourcesOf("queued")).toEqual([]);
  });

  it("brings no live source back from ended, stopped or failed", () => {
    const m = machine<keyof typeof liveTransitions>("live source", liveTransitions);
    for (const end of ["ended", "stopped", "failed"] as const) {
      expect(liveTransitions[end]).toEqual([]);
      expect(m.sourcesOf(end).sort()).toEqual(["following", "stalled", "starting"]);
    }
    expect(m.can("starting", "following")).toBe(true);
  });

  it("checks a move of many rows against the table before it is written", () => {
    const m = machine<keyof typeof analysisTransitions>("analysis", analysisTransitions);
    expect(m.only("failed", ["queued", "running"])).toEqual(["queued", "running"]);
    expect(() => m.only("complete", ["queued", "running"])).toThrow(TransitionError);
    expect(() => m.only("complete", ["queued"])).toThrow("analysis (many) cannot go from queued to complete");
  });
});
