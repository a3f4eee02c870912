// Issue #23: an editor who trims a highlight again before its re-cut ran (or while it runs) makes that
// cut pointless. A newer revision removes the older one still waiting in the editors' lane, and a cut
// under way stops (its ffmpeg killed) instead of encoding to the end and being dropped at the swap.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patchHighlight } from "@/lib/clips/service";
import { db, disconnectDb } from "@/lib/platform/db";
import { jobIdOf } from "@/lib/pipeline/enqueue";
import { closeQueues, enqueue, queueFor } from "@/lib/queue";
import { safeJobId } from "@/lib/queue/options";
import { ffmpegMake, makeHighlights, makeUser, makeVideo, readFixture, waitFor } from "@/test/fixtures";
import { startRuntime, type Runtime } from "../runtime";
import { cutClipJob } from "./cut-clip";
import type { JobDefinition } from "./types";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let ownerId: string;
let tmp: string;
const SECONDS = 40;

beforeAll(async () => {
  ownerId = (await makeUser()).id;
  tmp = await mkdtemp(path.join(tmpdir(), "cut-supersede-"));
});
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

/** A 720p source long enough that cutting most of it takes many seconds, and one highlight on it. */
async function seed(endS: number) {
  const file = path.join(tmp, "long.mp4");
  await ffmpegMake([
    ...["-f", "lavfi", "-i", `testsrc2=size=1280x720:rate=25:duration=${SECONDS}`],
    ...["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file],
  ]);
  const v = await makeVideo(ownerId, await readFixture(file), "Long Final.mp4");
  await db().video.update({
    where: { id: v.id },
    data: {
      ...videoLifecycle.seed("ready"),
      fps: 25,
      durationS: SECONDS,
      width: 1280,
      height: 720,
      hasAudio: true,
    },
  });
  const analysis = await db().analysis.create({
    data: {
      videoId: v.id,
      modelId: "test",
      modelVersion: "1",
      ...analysisLifecycle.seed("complete"),
      current: true,
      progress: 1,
    },
  });
  const [h] = await makeHighlights(v.id, analysis.id, [["penalty", 1, endS, "accepted"]]);
  return h!;
}

/** Queues a cut as the outbox dispatcher does (lib/pipeline/outbox.ts): with the graph's job id. */
const queueCut = (highlightId: string, revision: number) => {
  const payload = { highlightId, revision, editor: true };
  return enqueue("cut-clip", payload, { jobId: jobIdOf("cut-clip", payload) });
};

const cutJob = (highlightId: string, revision: number) =>
  queueFor("cut-clip").getJob(safeJobId(jobIdOf("cut-clip", { highlightId, revision })));

describe("a newer revision of a highlight supersedes its older cut", () => {
  it("removes the older cut while it waits, so it never runs nor counts as ahead", async () => {
    const h = await seed(5);
    // No worker runs here: both cuts wait in the editors' lane.
    await queueCut(h.id, 1);
    expect(await (await cutJob(h.id, 1))?.getState()).toMatch(/^(waiting|prioritized)$/);
    await queueCut(h.id, 3);
    expect(await cutJob(h.id, 1)).toBeUndefined();
    expect(await (await cutJob(h.id, 3))?.getState()).toMatch(/^(waiting|prioritized)$/);
    await (await cutJob(h.id, 3))!.remove();
  });

  it("stops a cut under way once the highlight is edited again, then cuts the new bounds", async () => {
    const h = await seed(SECONDS - 1);
    const runtime: Runtime = startRuntime([cutClipJob] as JobDefinition[], { interactiveSlots: 1 });
    try {
      // An edit (as the route makes it) queues revision 1's cut of 38 s of 720p: many seconds of encoding.
      await patchHighlight(h.id, { startS: 0.96 });
      const first = await waitFor(async () => {
        const job = await cutJob(h.id, 1);
        return job && (await job.getState()) === "active" ? job : null;
      }, 120_000);
      expect(first).toBeTruthy();
      await new Promise((r) => setTimeout(r, 3_000)); // its ffmpeg is encoding
      const t0 = Date.now();
      await patchHighlight(h.id, { startS: 2, endS: 4 });
      const done = await waitFor(async () => {
        const job = await cutJob(h.id, 1);
        return job && (await job.getState()) === "completed" ? job : null;
      }, 120_000);
      // Stopped by the cancellation check (every 2 s), not run to the end and dropped at the swap.
      expect(done.returnvalue).toEqual({ cancelled: "the highlight was edited again (revision 2)" });
      expect(Date.now() - t0).toBeLessThan(30_000);
      const cut = await waitFor(async () => {
        const row = await db().highlight.findUniqueOrThrow({ where: { id: h.id } });
        if (row.clipStatus === "failed") throw new Error(`cut failed: ${row.clipError}`);
        return row.clipStatus === "ready" && row.clipRevision === 2 ? row : null;
      }, 180_000);
      expect(cut.clipKey).toBeTruthy();
    } finally {
      await runtime.close();
    }
  }, 400_000);
});
