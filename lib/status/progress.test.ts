import { describe, expect, it } from "vitest";
import {
  advance,
  etaSeconds,
  markOf,
  RATE_GAP_S,
  stalledFor,
  STALL_AFTER_S,
  type ProgressMark,
} from "./progress";

const S = 1000;

/** Reports of `step` every `everyS` seconds from t0, as a chunk's worker makes them. */
function run(from: ProgressMark | null, t0: number, step: number, everyS: number, n: number): ProgressMark {
  let m = from;
  for (let i = 1; i <= n; i++) m = advance(m, (m?.fraction ?? 0) + step, t0 + i * everyS * S);
  return m!;
}

describe("advance: progress never goes backwards", () => {
  it("keeps the highest fraction when a retried attempt reports less (26 % did fall to 0 %)", () => {
    let m = run(advance(null, 0, 0), 0, 0.026, 10, 10);
    expect(m.fraction).toBeCloseTo(0.26);
    m = advance(m, 0, 200 * S, true); // the retry starts again from 0
    m = advance(m, 0.1, 230 * S);
    expect(m.fraction).toBeCloseTo(0.26);
    m = advance(m, 0.3, 260 * S);
    expect(m.fraction).toBeCloseTo(0.3);
  });

  it("clamps to 0..1", () => {
    expect(advance(null, 1.7, 0).fraction).toBe(1);
    expect(advance(null, -1, 0).fraction).toBe(0);
    expect(advance(null, Number.NaN, 0).fraction).toBe(0);
  });
});

describe("etaSeconds: from the rate measured while it ran", () => {
  it("is the remaining work at the measured rate", () => {
    // 1 % per second for 30 s: 70 s left
    const m = run(advance(null, 0, 0), 0, 0.01, 1, 30);
    expect(m.rate).toBeCloseTo(0.01);
    expect(etaSeconds(m, 30 * S)).toBe(70);
    expect(etaSeconds(m, 40 * S)).toBe(60); // counts down between reports
  });

  it("does not count the time spent waiting for a worker (it said 1 h 4 min for a 3-min file)", () => {
    // queued at 0, a worker starts it 10 min later, then it runs at 1 % per second
    let m = advance(null, 0, 0);
    m = advance(m, 0, 600 * S, true);
    m = run(m, 600 * S, 0.01, 1, 26);
    expect(etaSeconds(m, 626 * S)).toBe(74);
  });

  it("does not count a long gap between rises as slow work", () => {
    let m = run(advance(null, 0, 0), 0, 0.01, 1, 20);
    m = advance(m, 0.25, (20 + RATE_GAP_S + 60) * S); // waited for a slot again, then went on
    expect(m.rate).toBeCloseTo(0.01);
  });

  it("follows a change of speed smoothly, recent speed counting most", () => {
    let m = run(advance(null, 0, 0), 0, 0.01, 1, 20); // 1 %/s
    m = run(m, 20 * S, 0.002, 1, 60); // then 0.2 %/s for a minute
    expect(m.rate!).toBeGreaterThan(0.002);
    expect(m.rate!).toBeLessThan(0.0035);
  });

  it("gives none until a rate is measured, none when done, none while stalled", () => {
    expect(etaSeconds(advance(null, 0.3, 0), 0)).toBeNull();
    expect(etaSeconds({ fraction: 1, at: 0, rate: 0.1 }, 0)).toBeNull();
    const m = run(advance(null, 0, 0), 0, 0.01, 1, 10);
    expect(etaSeconds(m, (10 + STALL_AFTER_S) * S)).toBeNull();
  });
});

describe("stalledFor", () => {
  it("says so once nothing rose for STALL_AFTER_S, counted from the last rise", () => {
    const m = run(advance(null, 0, 0), 0, 0.05, 1, 4);
    expect(stalledFor(m, (4 + STALL_AFTER_S - 1) * S)).toBeNull();
    expect(stalledFor(m, (4 + STALL_AFTER_S) * S)).toBe(STALL_AFTER_S);
    // reports that do not rise do not count as progress
    const same = advance(m, 0.1, (4 + STALL_AFTER_S + 30) * S);
    expect(stalledFor(same, (4 + STALL_AFTER_S + 30) * S)).toBe(STALL_AFTER_S + 30);
  });

  it("starts counting again when a worker (re)starts the work", () => {
    const m = advance({ fraction: 0.4, at: 0, rate: 0.01 }, 0, 500 * S, true);
    expect(m).toEqual({ fraction: 0.4, at: 500 * S, rate: 0.01 });
    expect(stalledFor(m, 510 * S)).toBeNull();
  });
});

describe("markOf", () => {
  it("reads a mark from a job's progress JSON and nothing else", () => {
    expect(markOf({ stage: "cutting", fraction: 0.5, at: 7, rate: 0.1 })).toEqual({
      fraction: 0.5,
      at: 7,
      rate: 0.1,
    });
    expect(markOf({ fraction: 0.5, at: 7 })).toEqual({ fraction: 0.5, at: 7, rate: null });
    expect(markOf({ stage: "cutting", fraction: 0.5 })).toBeNull();
    expect(markOf(42)).toBeNull();
  });
});
