import { describe, expect, it } from "vitest";
import { keys } from "@/lib/platform/storage/keys";
import { orphanReason } from "./report";

const v = "11111111-1111-4111-8111-111111111111";
const gone = "22222222-2222-4222-8222-222222222222";
const done = "33333333-3333-4333-8333-333333333333";
const failed = "44444444-4444-4444-8444-444444444444";
const h = "55555555-5555-4555-8555-555555555555";
const refs = {
  videos: new Set([v]),
  keys: new Set([keys.source(v, "mp4"), keys.clipCut(v, h, 2, "b"), keys.reel(v, "new")]),
  liveAnalyses: new Set([done]),
};
const reason = (key: string) => orphanReason({ key }, refs);

describe("orphanReason", () => {
  it("keeps what a row points to or owns", () => {
    expect(reason(keys.source(v, "mp4"))).toBeNull();
    expect(reason(keys.poster(v))).toBeNull();
    expect(reason(keys.proxy(v))).toBeNull();
    expect(reason(keys.features(v, done))).toBeNull();
    expect(reason(keys.analysisChunk(v, done, 3, "f16"))).toBeNull();
    expect(reason(keys.clipCut(v, h, 2, "b"))).toBeNull();
    expect(reason(keys.reel(v, "new"))).toBeNull();
    expect(reason(keys.livePrefix(v) + "segments/000-0000000001.ts")).toBeNull();
  });

  it("names what no row needs", () => {
    expect(reason(keys.poster(gone))).toMatch(/video that no longer exists/);
    expect(reason(keys.analysisChunk(v, failed, 0, "json"))).toMatch(/failed or removed analysis/);
    expect(reason(keys.clipCut(v, h, 1, "a"))).toMatch(/older cut/);
    expect(reason(keys.reel(v, "old"))).toMatch(/replaced/);
    expect(reason(keys.uploadStaging(gone, "mp4"))).toMatch(/no video or active upload/);
  });
});
