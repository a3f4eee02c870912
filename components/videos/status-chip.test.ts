import { describe, expect, it } from "vitest";
import { statusText } from "./status-chip";

const base = { stage: null, progress: 0, etaSeconds: null, error: null };

describe("statusText", () => {
  it("names each state the way the library shows it", () => {
    expect(statusText({ ...base, status: "queued" })).toBe("queued");
    expect(statusText({ ...base, status: "ready" })).toBe("ready");
    expect(statusText({ ...base, status: "failed", error: "no video stream" })).toBe("failed");
    expect(statusText({ ...base, status: "processing", stage: "probe", progress: 0.425 })).toBe(
      "processing probe 42 %",
    );
    expect(
      statusText({ ...base, status: "processing", stage: "analyze", progress: 0.5, etaSeconds: 90 }),
    ).toBe("processing analyze 50 % · 2 min left");
  });

  it("says a video waits for a worker, with its place, and a stall with no time left", () => {
    const waiting = { state: "waiting", ahead: 2, paused: false } as const;
    expect(statusText({ ...base, status: "queued", job: waiting })).toBe("waiting for a worker — 2 ahead");
    expect(statusText({ ...base, status: "processing", stage: "analyzing", job: waiting })).toBe(
      "waiting for a worker — 2 ahead",
    );
    const stalled = {
      state: "running",
      stage: "analyzing",
      fraction: 0.26,
      etaSeconds: null,
      stalledForS: 300,
    } as const;
    expect(
      statusText({ ...base, status: "processing", stage: "analyzing", progress: 0.26, job: stalled }),
    ).toBe("processing analyzing 26 % · stalled: no progress for 5 min");
  });
});
