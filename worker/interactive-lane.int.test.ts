// Issue #25: an editor's clip cut never waits for a background encode. One CPU slot, held by a real
// proxy encode of a real match with a second one queued behind it; the editor trims a highlight of
// another video: its clip must be cut and stored while that encode is still running.
// Its own queues: heavy jobs other test files left in the shared queues would otherwise take the slots.
process.env.QUEUE_PREFIX = `matchcut-interactive-${process.pid}`;

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { startJob } from "@/lib/pipeline/enqueue";
import { CPU_QUEUE } from "@/lib/pipeline/graph";
import { enqueue, namedQueue } from "@/lib/queue";
import {
  buildMatch,
  durationOf,
  KICK_MATCH_CLIPS,
  makeHighlights,
  makeUser,
  makeVideo,
  readFixture,
  waitFor,
} from "@/test/fixtures";
import { makeIndexedVideo } from "@/test/media";
import { jobs } from "./jobs/registry";
import { startRuntime, type Runtime } from "./runtime";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

let runtime: Runtime | undefined;
let ownerId: string;
let tmp: string;
const videoIds: string[] = [];

beforeAll(async () => {
  ownerId = (await makeUser()).id;
  tmp = await mkdtemp(path.join(tmpdir(), "interactive-"));
});
afterAll(async () => {
  // the encodes stop within seconds once their videos are gone (cancelledBy), so close() need not wait
  await db().video.updateMany({ where: { id: { in: videoIds } }, data: { deletedAt: new Date() } });
  await runtime?.close();
  await disconnectDb();
});

async function matchVideo(file: string) {
  const v = await makeVideo(ownerId, await readFixture(file), "match.mp4");
  videoIds.push(v.id);
  const data = { durationS: await durationOf(file), fps: 25, width: 1280, height: 720, hasAudio: false };
  return db().video.update({ where: { id: v.id }, data: { ...videoLifecycle.seed("processing"), ...data } });
}

describe("the editors' lane (real Redis, ffmpeg, S3, Postgres)", () => {
  it(
    "cuts an editor's clip while every CPU slot holds a background encode",
    { timeout: 600_000 },
    async () => {
      const match = path.join(tmp, "match.mp4");
      await buildMatch(KICK_MATCH_CLIPS, match);
      const encodes: string[] = [];
      for (let i = 0; i < 2; i++) {
        const v = await matchVideo(match);
        encodes.push((await enqueue("proxy", { videoId: v.id }, { jobId: `${v.id}:proxy` }))!);
      }
      const cpu = namedQueue(CPU_QUEUE);
      runtime = startRuntime(jobs, { cpuSlots: 1, interactiveSlots: 1 });
      const running = await waitFor(async () => (await cpu.getJobs(["active"])).find(Boolean), 120_000);
      expect(encodes).toContain(running.id);

      // the editor's video: a short source with one highlight, trimmed (a new revision to cut)
      const src = path.join(tmp, "short.mp4");
      await makeIndexedVideo(src, { seconds: 8, rate: "25", rotate: 0 });
      const v = await makeVideo(ownerId, await readFixture(src), "Cup Final.mp4");
      videoIds.push(v.id);
      await db().video.update({
        where: { id: v.id },
        data: {
          ...videoLifecycle.seed("ready"),
          fps: 25,
          durationS: 8,
          width: 160,
          height: 90,
          hasAudio: true,
        },
      });
      const a = await db().analysis.create({
        data: {
          videoId: v.id,
          modelId: "test",
          modelVersion: "1",
          ...analysisLifecycle.seed("complete"),
          current: true,
          progress: 1,
        },
      });
      const [h] = await makeHighlights(v.id, a.id, [["penalty", 2, 5, "accepted"]]);
      const asked = Date.now();
      await startJob(db(), "highlights edited", "cut-clip", {
        highlightId: h!.id,
        revision: 0,
        editor: true,
      });
      const cut = await waitFor(async () => {
        const row = await db().highlight.findUnique({ where: { id: h!.id } });
        if (row?.clipStatus === "failed") throw new Error(`cut failed: ${row.clipError}`);
        return row?.clipStatus === "ready" ? row : null;
      }, 300_000);
      const seconds = (Date.now() - asked) / 1000;
      console.log(`editor's clip ready ${seconds.toFixed(1)} s after the request, beside a running encode`);
      expect(cut.clipKey).toBeTruthy();
      // the encode that held the only CPU slot is still running, and the other still waits for it
      const encode = await cpu.getJob(running.id!);
      expect(encode?.finishedOn).toBeUndefined();
      expect(await encode?.getState()).toBe("active");
      const other = await cpu.getJob(encodes.find((id) => id !== running.id)!);
      expect(other?.processedOn).toBeUndefined();
    },
  );
});
