import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { makeUser, makeVideo } from "@/test/fixtures";
import { TransitionError } from "../lifecycle/machine";
import { videoLifecycle } from "./lifecycle";

afterAll(() => disconnectDb());

async function freshVideo() {
  const user = await makeUser();
  return makeVideo(user.id, new Uint8Array([1, 2, 3]), "match.mp4");
}
const statusOf = async (id: string) => (await db().video.findUniqueOrThrow({ where: { id } })).status;

describe("video lifecycle in the database", () => {
  it("walks queued → processing → ready", async () => {
    const v = await freshVideo();
    expect(v.status).toBe("queued");
    expect(await videoLifecycle.probed(v.id, { durationS: 12, posterKey: "p" })).toBe(true);
    expect(await statusOf(v.id)).toBe("processing");
    await videoLifecycle.analyzing(v.id);
    await videoLifecycle.progress(v.id, "analyzing", 0.5);
    await db().$transaction((tx) => videoLifecycle.ready(v.id, tx));
    const row = await db().video.findUniqueOrThrow({ where: { id: v.id } });
    expect(row).toMatchObject({ status: "ready", stage: null, progress: 1, etaSeconds: null });
  });

  it("refuses ready from queued, and leaves the row as it was", async () => {
    const v = await freshVideo();
    await expect(db().$transaction((tx) => videoLifecycle.ready(v.id, tx))).rejects.toThrow(TransitionError);
    expect(await statusOf(v.id)).toBe("queued");
  });

  it("keeps a failed video failed: no probe result, no progress brings it back", async () => {
    const v = await freshVideo();
    await videoLifecycle.failed(v.id, "not a video file ffmpeg can read");
    await expect(videoLifecycle.probed(v.id, { durationS: 1 })).rejects.toThrow(/from failed to processing/);
    await videoLifecycle.progress(v.id, "analyzing", 0.3);
    const row = await db().video.findUniqueOrThrow({ where: { id: v.id } });
    expect(row).toMatchObject({ status: "failed", error: "not a video file ffmpeg can read", stage: null });
  });

  it("restarts a failed video on the editor's re-analysis, and only then", async () => {
    const v = await freshVideo();
    await expect(videoLifecycle.restart(v.id, true)).rejects.toThrow(/from queued to processing/);
    await videoLifecycle.failed(v.id, "analysis failed: boom");
    expect(await videoLifecycle.restart(v.id, true)).toBe(true);
    const row = await db().video.findUniqueOrThrow({ where: { id: v.id } });
    expect(row).toMatchObject({ status: "processing", stage: "queued for analysis", error: null });
  });

  it("answers false for a video that is gone", async () => {
    expect(await videoLifecycle.failed(randomUUID(), "gone")).toBe(false);
  });
});
