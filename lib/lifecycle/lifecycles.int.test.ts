import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { makeHighlights, makeUser, makeVideo } from "@/test/fixtures";
import { analysisLifecycle } from "../analysis/lifecycle";
import { clipLifecycle, reelLifecycle } from "../clips/lifecycle";
import { liveLifecycle } from "../live/lifecycle";
import { TransitionError } from "./machine";

afterAll(() => disconnectDb());

async function freshHighlight() {
  const user = await makeUser();
  const v = await makeVideo(user.id, new Uint8Array([1, 2, 3]), "match.mp4");
  const a = await db().analysis.create({
    data: { videoId: v.id, modelId: "m", modelVersion: "1", ...analysisLifecycle.started() },
  });
  const [h] = await makeHighlights(v.id, a.id, [["penalty", 10, 20, "suggested"]]);
  return { user, video: v, analysis: a, highlight: h! };
}

describe("the clip, reel, analysis and live lifecycles in the database (issue #27)", () => {
  it("cuts a clip for its revision only, and never sends it back to none", async () => {
    const { highlight: h } = await freshHighlight();
    expect(h.clipStatus).toBe("none");
    expect(await clipLifecycle.cutting(h.id, h.revision + 1)).toBe(false); // another revision: no write
    expect(await clipLifecycle.cutting(h.id, h.revision)).toBe(true);
    await db().$transaction((tx) => clipLifecycle.ready(tx, h.id, h.revision, { clipKey: "c.mp4" }));
    const row = await db().highlight.findUniqueOrThrow({ where: { id: h.id } });
    expect(row).toMatchObject({ clipStatus: "ready", clipKey: "c.mp4", clipRevision: h.revision });
    const fresh = await freshHighlight();
    await expect(
      db().$transaction((tx) => clipLifecycle.ready(tx, fresh.highlight.id, 0, { clipKey: "x.mp4" })),
    ).rejects.toThrow(/clip .* cannot go from none to ready/);
  });

  it("refuses a second reel while one is cutting, and fails only the cuts a delete stops", async () => {
    const { video: v, highlight: h } = await freshHighlight();
    expect(await db().$transaction((tx) => reelLifecycle.requested(tx, v.id, { reelProgress: 0 }))).toBe(
      true,
    );
    await expect(
      db().$transaction((tx) => reelLifecycle.requested(tx, v.id, { reelProgress: 0 })),
    ).rejects.toThrow(TransitionError);
    await clipLifecycle.cutting(h.id, h.revision);
    await db().$transaction(async (tx) => {
      expect(await reelLifecycle.withdrawn(tx, v.id, "deleted")).toBe(true);
      expect(await clipLifecycle.withdrawn(tx, v.id, "deleted")).toBe(1);
    });
    const row = await db().video.findUniqueOrThrow({ where: { id: v.id } });
    expect(row).toMatchObject({ reelStatus: "failed", reelError: "deleted" });
    const cut = await db().highlight.findUniqueOrThrow({ where: { id: h.id } });
    expect(cut).toMatchObject({ clipStatus: "failed", clipError: "deleted" });
  });

  it("completes only a running analysis: a stopped one stays failed", async () => {
    const { video: v, analysis: a } = await freshHighlight();
    expect(await db().$transaction((tx) => analysisLifecycle.stopped(tx, v.id, "replaced"))).toBe(1);
    expect(await db().$transaction((tx) => analysisLifecycle.completed(tx, a.id, { current: true }))).toBe(
      false,
    );
    const row = await db().analysis.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ status: "failed", error: "replaced", current: false });
    expect(await analysisLifecycle.failed(a.id, "boom")).toBe(v.id);
  });

  it("brings no live source back once it ended, and skips a tick that another overtook", async () => {
    const user = await makeUser();
    const src = await db().liveSource.create({
      data: { ownerId: user.id, title: "Live", url: "http://127.0.0.1:9/x.m3u8" },
    });
    expect(src.status).toBe("starting");
    expect(await liveLifecycle.following(src.id, { playlistUrl: "http://127.0.0.1:9/x.m3u8" })).toBe(true);
    expect(await liveLifecycle.rescheduled(src.id, 0, "stalled", {})).toBe(true);
    expect(await liveLifecycle.rescheduled(src.id, 0, "following", {})).toBe(false); // tick 1 is next
    expect(await liveLifecycle.finished(src.id, "ended", null)).toBe(true);
    await expect(liveLifecycle.following(src.id, {})).rejects.toThrow(/from ended to following/);
    const row = await db().liveSource.findUniqueOrThrow({ where: { id: src.id } });
    expect(row).toMatchObject({ status: "ended", tick: 1, error: null });
  });
});
