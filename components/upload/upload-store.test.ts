import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./upload-store";

describe("throttle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("passes the first call, drops the middle ones and always delivers the last", () => {
    const seen: number[] = [];
    const t = throttle(200, (n: number) => seen.push(n));
    t.call(1);
    t.call(2);
    t.call(3);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([1, 3]);
  });

  it("cancel drops a pending trailing call", () => {
    const seen: number[] = [];
    const t = throttle(200, (n: number) => seen.push(n));
    t.call(1);
    t.call(2);
    t.cancel();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([1]);
  });
});
