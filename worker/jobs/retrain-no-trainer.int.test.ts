import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { startRetrain } from "@/lib/learn/service";
import { closeQueues, queueFor } from "@/lib/queue";
import { makeUser } from "@/test/fixtures";
import { jobCtx, makeLabelledVideo, syntheticFeatures } from "@/test/learn";
import { missingTrainerModules } from "../learn/trainer";
import { retrainJob } from "./retrain";

// Issue #30: a retrain on a machine without the trainer's Python modules. TRAIN_PYTHON points at a real
// Python 3 started without its site directories (-S), so torch, onnx and numpy cannot be imported: the
// fresh machine's case. Set before anything reads the environment (lib/platform/env.ts caches it).
const dir = await mkdtemp(path.join(tmpdir(), "no-trainer-"));
const bare = path.join(dir, "python-without-torch");
await writeFile(bare, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
await chmod(bare, 0o755);
process.env.TRAIN_PYTHON = bare;

const EVENTS: [number, number][] = [
  [20, 24],
  [40, 44],
];
const features = syntheticFeatures({ frames: 240, dim: 1280, spans: EVENTS, period: 7, offset: 0, seed: 9 });
let ownerId: string;
const videoIds: string[] = [];
const versionIds: string[] = [];

beforeAll(async () => {
  ownerId = (await makeUser("admin")).id;
  for (let i = 0; i < 3; i++) {
    const v = await makeLabelledVideo({
      ownerId,
      name: `no-trainer-${i}`,
      features: features(),
      durationS: 60,
      marks: EVENTS.map(([startS, endS]) => ({ label: "penalty", startS, endS })),
    });
    videoIds.push(v.videoId);
  }
  await db().trainerCheck.deleteMany({});
});

afterAll(async () => {
  // the other learning tests count the labelled videos and the runs under way: leave neither behind
  await db().video.updateMany({ where: { id: { in: videoIds } }, data: { deletedAt: new Date() } });
  await db().modelVersion.deleteMany({ where: { id: { in: versionIds } } });
  await db().trainerCheck.deleteMany({});
  await queueFor("retrain").obliterate({ force: true });
  await closeQueues();
  await disconnectDb();
  await rm(dir, { recursive: true, force: true });
});

describe("a retrain without the trainer (issue #30)", () => {
  it("finds the modules missing at warm-up, and the retrain is refused before it starts, saying what to install", async () => {
    expect(await missingTrainerModules(bare)).toEqual(["torch", "onnx", "numpy"]);
    await retrainJob.warmUp!();
    const check = await db().trainerCheck.findUniqueOrThrow({
      where: { host_python: { host: hostname(), python: bare } },
    });
    expect(check).toMatchObject({ ok: false, missing: ["torch", "onnx", "numpy"] });
    const before = await db().modelVersion.count();
    await expect(startRetrain(ownerId)).rejects.toThrow(
      /^Retraining is off: the worker on .* lacks torch, onnx, numpy\. Install them \(sudo apt-get install python3-torch python3-onnx python3-numpy/,
    );
    expect(await db().modelVersion.count()).toBe(before); // no run listed for a refusal
  });

  it("a run that starts anyway ends failed with a plain reason, and the next retrain starts", async () => {
    // no worker has said anything (the check above is gone): the run is let through, as on a new install
    await db().trainerCheck.deleteMany({});
    const first = await startRetrain(ownerId);
    versionIds.push(first.id);
    await expect(retrainJob.handle({ versionId: first.id }, jobCtx())).rejects.toThrow(
      /lacks numpy|lacks torch/,
    );
    const failed = await db().modelVersion.findUniqueOrThrow({ where: { id: first.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(
      /^Retraining is off: the worker cannot run the trainer because its Python \(.*\) lacks (numpy|torch)\./,
    );
    expect(failed.error).not.toMatch(/Traceback|ModuleNotFoundError/);
    expect(failed.errorDetail).toMatch(/ModuleNotFoundError: No module named '(numpy|torch)'/);

    const next = await startRetrain(ownerId);
    versionIds.push(next.id);
    expect(next).toMatchObject({ status: "queued" });
    expect(next.id).not.toBe(first.id);
  });

  it("a run its worker died in ends failed when a worker picks it up again, and frees the way", async () => {
    const id = versionIds.at(-1)!;
    await db().modelVersion.update({
      where: { id },
      data: { status: "training", stage: "training (PyTorch)" },
    });
    await expect(startRetrain(ownerId)).rejects.toThrow(/already under way/);
    await retrainJob.handle({ versionId: id }, jobCtx()); // BullMQ's stalled job, run again
    const v = await db().modelVersion.findUniqueOrThrow({ where: { id } });
    expect(v).toMatchObject({ status: "failed" });
    expect(v.error).toMatch(/^The worker training this version stopped before it finished/);
    const again = await startRetrain(ownerId);
    versionIds.push(again.id);
    expect(again.status).toBe("queued");
  });

  it("a run whose worker vanished without a trace stops blocking once it has not moved for 30 minutes", async () => {
    const id = versionIds.at(-1)!;
    await db()
      .$executeRaw`UPDATE "ModelVersion" SET "status" = 'training', "updatedAt" = now() - interval '31 minutes' WHERE "id" = ${id}::uuid`;
    const again = await startRetrain(ownerId);
    versionIds.push(again.id);
    const stale = await db().modelVersion.findUniqueOrThrow({ where: { id } });
    expect(stale.status).toBe("failed");
    expect(stale.error).toMatch(/^No progress for 30 minutes/);
  });
});
