import { describe, expect, it, vi } from "vitest";
import type { TUploadSession } from "@/lib/schemas/uploads";
import {
  etaSeconds,
  planParts,
  resumePlan,
  runPool,
  SpeedMeter,
  uploadFile,
  withRetry,
  type PutPart,
  type UploadApi,
} from "./upload-engine";
import { UrlBatcher } from "./url-batcher";

describe("planParts", () => {
  it("splits a file into equal parts and a short last one", () => {
    expect(planParts(25, 10)).toEqual([
      { partNumber: 1, start: 0, end: 10 },
      { partNumber: 2, start: 10, end: 20 },
      { partNumber: 3, start: 20, end: 25 },
    ]);
  });

  it("gives one part for a file smaller than a part", () => {
    expect(planParts(3, 10)).toEqual([{ partNumber: 1, start: 0, end: 3 }]);
  });
});

describe("resumePlan", () => {
  it("skips parts the server holds with the right size and resends the rest", () => {
    const plan = planParts(25, 10);
    const { todo, done } = resumePlan(plan, [
      { partNumber: 1, etag: '"a"', size: 10 },
      { partNumber: 3, etag: '"c"', size: 4 },
    ]);
    expect(done).toEqual([{ partNumber: 1, etag: '"a"' }]);
    expect(todo.map((p) => p.partNumber)).toEqual([2, 3]);
  });
});

describe("speed and ETA", () => {
  it("measures over the sliding window", () => {
    const meter = new SpeedMeter(5000);
    meter.sample(0, 0);
    expect(meter.bytesPerSecond()).toBeNull();
    meter.sample(1_000_000, 1000);
    expect(meter.bytesPerSecond()).toBe(1_000_000);
    meter.sample(1_000_000, 7000); // stalled: the window now only holds the stall
    expect(meter.bytesPerSecond()).toBe(0);
  });

  it("computes ETA from remaining bytes", () => {
    expect(etaSeconds(10_000_000, 2_000_000)).toBe(5);
    expect(etaSeconds(1, 3)).toBe(1);
    expect(etaSeconds(100, null)).toBeNull();
    expect(etaSeconds(0, null)).toBe(0);
  });
});

describe("withRetry", () => {
  it("retries up to three tries then gives up", async () => {
    const fn = vi.fn().mockRejectedValue(new Error("boom"));
    await expect(withRetry(fn, { tries: 3, baseDelayMs: 1 })).rejects.toThrow("boom");
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("returns the first success", async () => {
    const fn = vi.fn().mockRejectedValueOnce(new Error("flaky")).mockResolvedValue("ok");
    await expect(withRetry(fn, { baseDelayMs: 1 })).resolves.toBe("ok");
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe("runPool", () => {
  it("never runs more than `concurrency` workers at once", async () => {
    let active = 0;
    let peak = 0;
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 2));
      active--;
    });
    expect(peak).toBe(3);
  });
});

describe("UrlBatcher", () => {
  it("fetches URLs in batches in upload order", async () => {
    const fetchBatch = vi.fn(async (nums: number[]) => new Map(nums.map((n) => [n, `url-${n}`])));
    const b = new UrlBatcher([2, 3, 5, 6, 7], 2, fetchBatch);
    expect(await b.get(2)).toBe("url-2");
    expect(await b.get(3)).toBe("url-3");
    expect(await b.get(5)).toBe("url-5");
    expect(fetchBatch.mock.calls.map((c) => c[0])).toEqual([
      [2, 3],
      [5, 6],
    ]);
  });
});

function fakeServer(stored: TUploadSession["parts"], partSize: number) {
  const calls = { presigned: [] as number[], recorded: [] as number[], completed: [] as unknown[] };
  const api: UploadApi = {
    start: async (f) => ({
      id: "u1",
      fileName: f.fileName,
      size: f.size,
      partSize,
      resumed: true,
      parts: stored,
    }),
    presign: async (_id, nums) => {
      calls.presigned.push(...nums);
      return new Map(nums.map((n) => [n, `https://s3/part/${n}`]));
    },
    record: async (_id, p) => void calls.recorded.push(p.partNumber),
    complete: async (_id, parts) => {
      calls.completed = parts;
      return { videoId: "v1" };
    },
  };
  return { api, calls };
}

const file = (size: number) => {
  const blob = new Blob([new Uint8Array(size)]);
  return {
    name: "match.mp4",
    size,
    lastModified: 1,
    type: "video/mp4",
    slice: (a: number, b: number) => blob.slice(a, b),
  };
};

describe("uploadFile", () => {
  it("resumes: sends only missing parts and completes with all of them", async () => {
    const { api, calls } = fakeServer([{ partNumber: 2, etag: '"e2"', size: 10 }], 10);
    const put: PutPart = async (url, body, onProgress) => {
      onProgress(body.size);
      return `"e${url.split("/").pop()}"`;
    };
    const progress: number[] = [];
    const out = await uploadFile(file(35), {
      api,
      putPart: put,
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p.loaded),
    });
    expect(out).toEqual({ videoId: "v1" });
    expect(calls.presigned.sort()).toEqual([1, 3, 4]);
    expect(calls.recorded.sort()).toEqual([1, 3, 4]);
    expect(calls.completed).toEqual([
      { partNumber: 1, etag: '"e1"' },
      { partNumber: 2, etag: '"e2"' },
      { partNumber: 3, etag: '"e3"' },
      { partNumber: 4, etag: '"e4"' },
    ]);
    expect(progress[0]).toBe(10); // the resumed part counts from the start
    expect(progress.at(-1)).toBe(35);
  });

  it("retries a failing part and fails the upload after three tries", async () => {
    const { api } = fakeServer([], 10);
    const tries = new Map<string, number>();
    const put: PutPart = async (url) => {
      tries.set(url, (tries.get(url) ?? 0) + 1);
      if (url.endsWith("/2")) throw new Error("network down");
      if (url.endsWith("/1") && tries.get(url) === 1) throw new Error("flaky");
      return '"ok"';
    };
    await expect(
      uploadFile(file(20), { api, putPart: put, signal: new AbortController().signal, baseDelayMs: 1 }),
    ).rejects.toThrow("network down");
    expect(tries.get("https://s3/part/2")).toBe(3);
    expect(tries.get("https://s3/part/1")).toBe(2);
  });
});
