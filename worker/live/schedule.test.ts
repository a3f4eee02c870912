import { describe, expect, it } from "vitest";
import { nextPollDelayMs } from "./schedule";

const base = { targetDurationS: 10, lastDurationS: 10, fastMs: 500 };

describe("nextPollDelayMs", () => {
  it("after a new segment, reloads when the next one can first appear (bounded by the last miss)", () => {
    // N appeared after the miss at t=1000 and before the load at t=1500: N+1 can appear from ≈ 11000.
    const d = nextPollDelayMs({
      ...base,
      nowMs: 2000,
      pollStartMs: 1500,
      gotNew: true,
      lastMissMs: 1000,
      lastNewMs: 1500,
    });
    expect(d).toBe(11000 - 250 - 2000);
  });

  it("without a miss to bound it, assumes N may have appeared up to half a target duration earlier", () => {
    const d = nextPollDelayMs({
      ...base,
      nowMs: 10_100,
      pollStartMs: 10_000,
      gotNew: true,
      lastMissMs: null,
      lastNewMs: 10_000,
    });
    expect(d).toBe(5_000 + 10_000 - 250 - 10_100);
  });

  it("never goes below fastMs (catching up on a backlog)", () => {
    expect(
      nextPollDelayMs({ ...base, nowMs: 50_000, pollStartMs: 0, gotNew: true, lastMissMs: 0, lastNewMs: 0 }),
    ).toBe(500);
  });

  it("polls fast while the next segment is due, then at half the target duration once it is overdue", () => {
    const due = { ...base, pollStartMs: 0, gotNew: false, lastMissMs: null, lastNewMs: 0 };
    expect(nextPollDelayMs({ ...due, nowMs: 12_000 })).toBe(500);
    expect(nextPollDelayMs({ ...due, nowMs: 20_001 })).toBe(5_000);
  });
});
