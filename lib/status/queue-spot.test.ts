import { describe, expect, it } from "vitest";
import { aheadOf, statusOf, type QueueFacts } from "./queue-spot";

const none: QueueFacts = {
  waitIndex: null,
  waitLength: 0,
  prioritizedScore: null,
  prioritizedBefore: 0,
  delayedScore: null,
  active: false,
  paused: false,
  progress: null,
};
const P32 = 0x100000000;

describe("aheadOf", () => {
  it("counts the whole wait list and the better prioritized jobs before a prioritized job", () => {
    // 2 recovered jobs on the plain list go first, then 3 analysis chunks of better priority
    expect(aheadOf({ ...none, waitLength: 2, prioritizedScore: 1011 * P32 + 9, prioritizedBefore: 3 })).toBe(
      5,
    );
    expect(aheadOf({ ...none, prioritizedScore: 1011 * P32 + 9, prioritizedBefore: 0 })).toBe(0);
  });

  it("in the wait list, counts the jobs to its right (workers pop the right end)", () => {
    expect(aheadOf({ ...none, waitLength: 4, waitIndex: 0 })).toBe(3);
    expect(aheadOf({ ...none, waitLength: 4, waitIndex: 3 })).toBe(0);
  });

  it("is null for a job that is not waiting", () => expect(aheadOf(none)).toBeNull());
});

describe("statusOf", () => {
  const now = 1_000_000;

  it("a waiting job, with the queue's pause", () => {
    expect(
      statusOf({ ...none, waitLength: 1, prioritizedScore: 5, prioritizedBefore: 2, paused: true }, now),
    ).toEqual({
      state: "waiting",
      ahead: 3,
      paused: true,
    });
  });

  it("a running job: its stage, fraction, time left and stall from the mark the runtime wrote", () => {
    const progress = { stage: "cutting", fraction: 0.5, at: now - 5_000, rate: 0.05 };
    expect(statusOf({ ...none, active: true, progress }, now)).toEqual({
      state: "running",
      stage: "cutting",
      fraction: 0.5,
      etaSeconds: 5,
      stalledForS: null,
    });
    const stuck = { ...progress, at: now - 600_000 };
    expect(statusOf({ ...none, active: true, progress: stuck }, now)).toMatchObject({
      etaSeconds: null,
      stalledForS: 600,
    });
    expect(statusOf({ ...none, active: true, progress: 0 }, now)).toMatchObject({ fraction: 0, stage: null });
  });

  it("a job waiting for its retry, and one handed back to be re-queued at once", () => {
    const at = now + 30_000;
    expect(statusOf({ ...none, delayedScore: at * 0x1000 + 3 }, now)).toEqual({
      state: "retrying",
      at: new Date(at).toISOString(),
    });
    expect(statusOf({ ...none, delayedScore: now * 0x1000 }, now)).toEqual({
      state: "waiting",
      ahead: null,
      paused: false,
    });
  });

  it("null when the queue does not hold it", () => expect(statusOf(none, now)).toBeNull());
});
