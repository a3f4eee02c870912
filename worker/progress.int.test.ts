// Issue #24: an analysis went from 26 % back to 0 % when a chunk was retried. A retried chunk keeps the
// entry its dead attempt reported, the video's progress never goes down, and the rate clock starts when
// a worker starts the chunk, not when the analysis was planned (real Postgres).
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { getVideo } from "@/lib/videos/service";
import { makeUser, makeVideo } from "@/test/fixtures";
import { setChunkProgress } from "./progress";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

afterAll(() => disconnectDb());

describe("setChunkProgress", () => {
  it("a retried chunk does not send the video's progress back", async () => {
    const owner = await makeUser();
    const v = await makeVideo(owner.id, new Uint8Array([0]), "Retry.mp4");
    await db().video.update({
      where: { id: v.id },
      data: { ...videoLifecycle.seed("processing"), stage: "analyzing" },
    });
    const a = await db().analysis.create({
      data: {
        videoId: v.id,
        modelId: "m",
        modelVersion: "1",
        ...analysisLifecycle.seed("running"),
        params: { chunks: 2 },
      },
    });
    const share = 0.95 / 2;
    const shown: number[] = [];
    const note = async () =>
      shown.push((await db().video.findUniqueOrThrow({ where: { id: v.id } })).progress);

    await setChunkProgress(a.id, 0, 0, share, true);
    await setChunkProgress(a.id, 0, 0.6, share);
    await note();
    // its worker died; the retry starts the chunk again from 0
    await setChunkProgress(a.id, 0, 0, share, true);
    await note();
    await setChunkProgress(a.id, 0, 0.3, share);
    await note();
    await setChunkProgress(a.id, 0, 0.8, share);
    await note();

    expect(shown.map((p) => +p.toFixed(4))).toEqual([0.285, 0.285, 0.285, 0.38]);
    const row = await db().analysis.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.chunkProgress).toEqual({ "0": 0.8 });
    // The row's mark is what the API reads: running, its fraction, no stall yet.
    expect((await getVideo(v.id)).job).toMatchObject({ state: "running", fraction: 0.38, stalledForS: null });
  });
});
