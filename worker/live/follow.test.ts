import { describe, expect, it } from "vitest";
import { followStatus, planTick, type FollowState } from "./follow";
import type { MediaPlaylist } from "./playlist";

function pl(first: number, count: number, opts: { endList?: boolean; name?: string } = {}): MediaPlaylist {
  return {
    kind: "media",
    targetDurationS: 10,
    mediaSequence: first,
    endList: opts.endList ?? false,
    segments: Array.from({ length: count }, (_, i) => ({
      seq: first + i,
      uri: `http://h/${opts.name ?? "seg"}${first + i}.ts?tok=${Math.random()}`,
      durationS: 10,
      discontinuity: false,
    })),
  };
}
const seqs = (p: { fetch: { seq: number }[] }) => p.fetch.map((s) => s.seq);
const at = (lastSeq: number | null, name = "seg"): FollowState => ({
  epoch: 0,
  lastSeq,
  lastUri: lastSeq === null ? null : `http://h/${name}${lastSeq}.ts?tok=old`,
});

describe("planTick", () => {
  it("takes every listed segment on the first tick", () => {
    expect(seqs(planTick(at(null), pl(5, 3)))).toEqual([5, 6, 7]);
  });

  it("takes only segments after the last stored one (a restarted worker resumes exactly there)", () => {
    const plan = planTick(at(6), pl(5, 4));
    expect([seqs(plan), plan.reset, plan.missed]).toEqual([[7, 8], false, []]);
  });

  it("nothing new: nothing to do (query-string tokens that change per reload are not a restart)", () => {
    const plan = planTick(at(7), pl(5, 3));
    expect([seqs(plan), plan.reset]).toEqual([[], false]);
  });

  it("records segments that slid out of the window before they were fetched as missed", () => {
    const plan = planTick(at(3), pl(7, 2));
    expect(plan.missed).toEqual([
      { seq: 4, durationS: 10 },
      { seq: 5, durationS: 10 },
      { seq: 6, durationS: 10 },
    ]);
    expect(seqs(plan)).toEqual([7, 8]);
  });

  it("detects a playlist reset when sequence numbers go backwards", () => {
    const plan = planTick(at(120), pl(0, 2));
    expect([plan.reset, seqs(plan), plan.missed]).toEqual([true, [0, 1], []]);
  });

  it("detects a restart that reused our last sequence number for a different segment", () => {
    const plan = planTick(at(2, "old-"), pl(0, 4, { name: "new-" }));
    expect([plan.reset, seqs(plan)]).toEqual([true, [0, 1, 2, 3]]);
  });

  it("reports ENDLIST", () => {
    expect(planTick(at(7), pl(5, 3, { endList: true })).ended).toBe(true);
    expect(planTick(at(7), pl(5, 3)).ended).toBe(false);
  });

  it("an empty live playlist is not an end", () => {
    const plan = planTick(at(null), pl(0, 0));
    expect([plan.fetch, plan.ended]).toEqual([[], false]);
  });
});

describe("followStatus", () => {
  const base = { nowMs: 100_000, targetDurationS: 10, stallFactor: 3, giveUpS: 600 };
  it("is following while segments come, or while the quiet spell is short", () => {
    expect(followStatus({ ...base, gotNew: true, lastNewAtMs: 0 })).toBe("following");
    expect(followStatus({ ...base, gotNew: false, lastNewAtMs: 75_000 })).toBe("following");
  });
  it("stalls after stallFactor × target duration without a new segment", () => {
    expect(followStatus({ ...base, gotNew: false, lastNewAtMs: 69_999 })).toBe("stalled");
  });
  it("gives up after giveUpS", () => {
    expect(followStatus({ ...base, nowMs: 700_001, gotNew: false, lastNewAtMs: 0 })).toBe("gave-up");
  });
});
