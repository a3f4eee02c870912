import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "@/test/fixtures";
import { db, disconnectDb } from "@/lib/platform/db";
import { activateVersion, startRetrain } from "@/lib/learn/service";
import { sha256File } from "@/lib/model";
import { closeQueues, queueFor } from "@/lib/queue";
import { getObjectBytes, keys } from "@/lib/platform/storage";
import { disposeSessions } from "../inference/session";
import { loadVersion } from "../learn/version-model";
import { rescoreJob } from "./rescore";
import { retrainJob } from "./retrain";
import { jobCtx, makeLabelledVideo, syntheticFeatures } from "@/test/learn";

// Synthetic cached features (no decode anywhere): 60 s at 4 fps; two 4 s "events" whose frames carry
// a pattern the installed head has never seen, labelled by the editor; the rest is low noise and the
// reviews are complete. The retrained head must learn the pattern from two videos and find it on the
// held-out third; the installed head does not.
const DIM = 1280;
const FRAMES = 240;
const EVENTS: [number, number][] = [
  [20, 24],
  [40, 44],
];
const features = syntheticFeatures({
  frames: FRAMES,
  dim: DIM,
  spans: EVENTS,
  period: 7,
  offset: 0,
  seed: 1,
});
const ctx = jobCtx;

let ownerId: string;
const videoIds: string[] = [];
beforeAll(async () => {
  ownerId = (await makeUser("admin")).id;
  for (let i = 0; i < 3; i++) {
    const { videoId, analysisId } = await makeLabelledVideo({
      ownerId,
      name: `synthetic-${i}`,
      features: features(),
      durationS: 60,
      marks: EVENTS.map(([startS, endS]) => ({ label: "penalty", startS, endS })),
    });
    // an editor's decision that must survive the re-score
    await db().highlight.create({
      data: {
        videoId,
        analysisId,
        label: "penalty",
        startS: 20,
        endS: 24,
        peak: 0.1,
        mean: 0.1,
        status: "accepted",
      },
    });
    videoIds.push(videoId);
  }
});
afterAll(async () => {
  // leave no active version or queued re-score behind for the e2e stage's worker
  await db().modelVersion.updateMany({ where: { active: true }, data: { active: false } });
  await queueFor("rescore").obliterate({ force: true });
  await queueFor("retrain").obliterate({ force: true });
  await closeQueues();
  await disposeSessions();
  await disconnectDb();
});

describe("retrain and re-score from cached features (issue #14)", () => {
  it("trains a head with the PyTorch trainer, judges it on a held-out video, stores it, and re-scores on activation", async () => {
    const started = await startRetrain(ownerId);
    expect(started).toMatchObject({ status: "queued", parentVersion: "1.3.0" });
    await expect(startRetrain(ownerId)).rejects.toThrow(/already under way/);
    await retrainJob.handle({ versionId: started.id }, ctx());

    const v = await db().modelVersion.findUniqueOrThrow({ where: { id: started.id } });
    expect(v.error).toBeNull();
    expect(v.examples).toMatchObject({ videos: { train: 2, heldOut: 1 } });
    const ex = v.examples as { windows: { positive: number; background: number } };
    expect(ex.windows.positive).toBeGreaterThan(20);
    expect(ex.windows.background).toBeGreaterThan(100);
    const m = v.metrics as {
      heldOut: { events: number; found: number; falseHighlights: number };
      parentHeldOut: { found: number };
      parity: number;
    };
    expect(m.parity).toBeLessThanOrEqual(1e-4);
    expect(m.heldOut.events).toBe(2);
    expect(m.parentHeldOut.found).toBe(0); // the installed head knows nothing of this pattern
    expect(m.heldOut.found).toBe(2);
    expect(v.status).toBe("ready");
    expect(v.verdict).toMatch(/^Beats the active model on 1.0 held-out minutes \(2 events/);
    expect(v.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const head = await getObjectBytes(keys.modelVersionFile(v.id, "head.onnx"));
    expect(head.byteLength).toBeGreaterThan(100_000);
    const loaded = await loadVersion(v.id);
    expect(await sha256File(loaded.headFile)).toBe(v.headSha256);
    expect(loaded.manifest.version).toBe(v.version);

    const act = await activateVersion(v.id);
    expect(act.rescoring).toBeGreaterThanOrEqual(3);
    const videoId = videoIds[0]!;
    const before = await db().analysis.findFirstOrThrow({ where: { videoId, current: true } });
    await rescoreJob.handle({ videoId, versionId: v.id }, ctx("rescore"));
    const after = await db().analysis.findFirstOrThrow({ where: { videoId, current: true } });
    expect(after.id).not.toBe(before.id);
    expect(after).toMatchObject({
      modelVersionId: v.id,
      modelVersion: v.version,
      featuresKey: before.featuresKey,
    });
    const hs = await db().highlight.findMany({ where: { videoId }, orderBy: { startS: "asc" } });
    expect(hs.every((h) => h.analysisId === after.id)).toBe(true);
    expect(hs.find((h) => h.status === "accepted")).toMatchObject({ startS: 20, endS: 24 });
    // the new head finds the second event, which the accepted highlight does not cover
    expect(hs.some((h) => h.status === "suggested" && h.startS < 44 && h.endS > 40)).toBe(true);
    // a second run for the same version is a no-op
    await rescoreJob.handle({ videoId, versionId: v.id }, ctx("rescore"));
    expect((await db().analysis.findFirstOrThrow({ where: { videoId, current: true } })).id).toBe(after.id);
  }, 600_000);

  it("refuses to activate a refused version, saying why", async () => {
    const r = await db().modelVersion.create({
      data: {
        modelId: "penalty-lstm",
        version: "refused-test",
        parentVersion: "1.3.0",
        status: "refused",
        verdict: "Not activated: no better.",
      },
    });
    await expect(activateVersion(r.id)).rejects.toThrow(/cannot be activated\. Not activated: no better\./);
  });
});
