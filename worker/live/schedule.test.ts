import { describe, expect, it } from "vitest";
import { holdUntilMs, nextPollDelayMs } from "./schedule";

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

  it("polls fast while the next segment is due, then at half the target duration once it is late", () => {
    const due = { ...base, pollStartMs: 0, gotNew: false, lastMissMs: null, lastNewMs: 0 };
    // expected at 10 s; late by a quarter of the target duration (2.5 s) from 12.5 s
    expect(nextPollDelayMs({ ...due, nowMs: 12_000 })).toBe(500);
    expect(nextPollDelayMs({ ...due, nowMs: 12_501 })).toBe(5_000);
    // short segments: fast for at least a second past the expected time
    const short = { ...due, targetDurationS: 2, lastDurationS: 2 };
    expect(nextPollDelayMs({ ...short, nowMs: 2_900 })).toBe(500);
    expect(nextPollDelayMs({ ...short, nowMs: 3_001 })).toBe(1_000);
  });
});

describe("holdUntilMs", () => {
  const hold = { lastDurationS: 10, targetDurationS: 10, holdMs: 3000 };
  it("keeps reloading for at most holdMs while the next segment is due", () => {
    expect(holdUntilMs({ ...hold, nowMs: 9_000, lastNewMs: 0 })).toBe(12_000);
  });
  it("stops when the segment is late enough for the slow rate", () => {
    expect(holdUntilMs({ ...hold, nowMs: 10_000, lastNewMs: 0 })).toBe(12_500);
  });
  it("does not hold a late (stalled) stream or one that never listed a segment", () => {
    expect(holdUntilMs({ ...hold, nowMs: 25_000, lastNewMs: 0 })).toBeLessThan(25_000);
    expect(holdUntilMs({ ...hold, nowMs: 5_000, lastNewMs: null })).toBe(5_000);
  });
});
