import { describe, expect, it } from "vitest";
import { prefetch } from "./prefetch";

async function* counter(n: number, pulled: number[], failAt = -1) {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error("decode failed");
    pulled.push(i);
    yield i;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("prefetch", () => {
  it("yields everything in order", async () => {
    const out: number[] = [];
    for await (const v of prefetch(counter(10, []), 3)) out.push(v);
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("reads at most `max` items ahead of a slow consumer", async () => {
    const pulled: number[] = [];
    const it = prefetch(counter(100, pulled), 4);
    await it.next();
    await tick();
    // one handed out + 4 queued (+1 the pump is holding while it waits for space)
    expect(pulled.length).toBeLessThanOrEqual(6);
    await it.return(undefined);
  });

  it("surfaces the source's error after the items before it", async () => {
    const out: number[] = [];
    const run = async () => {
      for await (const v of prefetch(counter(10, [], 3), 2)) out.push(v);
    };
    await expect(run()).rejects.toThrow("decode failed");
    expect(out).toEqual([0, 1, 2]);
  });
});
