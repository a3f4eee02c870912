import { describe, expect, it } from "vitest";
import { jobStatusText } from "./job-status";

describe("jobStatusText", () => {
  it("says why nothing moves and how many go first", () => {
    expect(jobStatusText({ state: "waiting", ahead: 3, paused: false }, "cutting")).toBe(
      "waiting for a worker — 3 ahead",
    );
    expect(jobStatusText({ state: "waiting", ahead: 0, paused: false }, "cutting")).toBe(
      "waiting for a worker — next in line",
    );
    expect(jobStatusText({ state: "waiting", ahead: null, paused: false }, "cutting")).toBe(
      "waiting for a worker",
    );
    expect(jobStatusText({ state: "waiting", ahead: 2, paused: true }, "cutting")).toBe(
      "waiting for a worker — 2 ahead (an operator paused the queue)",
    );
  });

  it("shows progress with time left, or that it stalled", () => {
    const running = {
      state: "running",
      stage: "building reel",
      fraction: 0.42,
      etaSeconds: 90,
      stalledForS: null,
    } as const;
    expect(jobStatusText(running, "building")).toBe("building 42 % · 2 min left");
    expect(jobStatusText({ ...running, etaSeconds: null }, "building")).toBe("building 42 %");
    expect(jobStatusText({ ...running, etaSeconds: null, stalledForS: 190 }, "building")).toBe(
      "building 42 % · stalled: no progress for 3 min",
    );
  });

  it("says when a failed try runs again", () => {
    expect(jobStatusText({ state: "retrying", at: "2026-01-01T10:00:00Z" }, "cutting")).toMatch(
      /^cutting failed; trying again at /,
    );
  });
});
