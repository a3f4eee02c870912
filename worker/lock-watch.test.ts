import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { lockGraceMs, LockLostError, LockWatch } from "./lock-watch";

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

describe("LockWatch", () => {
  it("gives a lock 80 % of its duration, and at least 1 s of margin", () => {
    expect(lockGraceMs(60_000)).toBe(48_000);
    expect(lockGraceMs(6_000)).toBe(4_800);
    expect(lockGraceMs(2_000)).toBe(1_000);
  });

  it("declares a lock lost when no renewal came within the grace, counted from when it was taken", () => {
    const watch = new LockWatch(10_000);
    const lost: LockLostError[] = [];
    watch.track("1", Date.now() - 3_000, (e) => lost.push(e));
    vi.advanceTimersByTime(4_999);
    expect(lost).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(LockLostError);
    expect(lost[0]!.message).toMatch(/job 1 stopped: its lock was not renewed within 8 s/);
  });

  it("moves the deadline on with each renewal, and forgets an untracked job", () => {
    const watch = new LockWatch(10_000);
    const lost: string[] = [];
    const untrack = watch.track("1", Date.now(), () => lost.push("1"));
    watch.track("2", Date.now(), () => lost.push("2"));
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(5_000);
      watch.renewed(["1", "2"]);
    }
    expect(lost).toEqual([]);
    untrack();
    vi.advanceTimersByTime(8_000);
    expect(lost).toEqual(["2"]);
  });

  it("fires at once, and once only, when Redis refuses a renewal", () => {
    const watch = new LockWatch(10_000);
    const lost: string[] = [];
    watch.track("1", Date.now(), (e) => lost.push(e.message));
    watch.lost(["1", "unknown"], "Redis refused to renew its lock");
    vi.advanceTimersByTime(60_000);
    expect(lost).toEqual([
      "job 1 stopped: Redis refused to renew its lock; it will run again once its lock is free",
    ]);
  });
});
