import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { sleep } from "./http";

describe("sleep", () => {
  it("leaves no abort listener behind on the signal it waited on", async () => {
    const ac = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, ac.signal);
    expect(getEventListeners(ac.signal, "abort")).toHaveLength(0);
  });

  it("rejects with the abort reason, at once if already aborted", async () => {
    const ac = new AbortController();
    const pending = sleep(10_000, ac.signal);
    ac.abort(new Error("shutting down"));
    await expect(pending).rejects.toThrow("shutting down");
    await expect(sleep(10_000, ac.signal)).rejects.toThrow("shutting down");
  });
});
