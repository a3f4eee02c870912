import { readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import type { ModelVersion, Prisma } from "@/lib/generated/prisma/client";
import { taughtLabelNames } from "@/lib/labels/taught";
import { judge } from "@/lib/learn/verdict";
import { childLogger } from "@/lib/platform/logger";
import type { LoadedModel } from "@/lib/model";
import { keys, putObject } from "@/lib/platform/storage";
import { readFeatures } from "../analysis/store";
import { modelFor } from "../analysis/models";
import { labelledVideos, planLabels, tooFewVideos, withLabelledWindows } from "@/lib/learn/labelled";
import { recordTrainerCheck } from "@/lib/learn/trainer-status";
import { fingerprintOf, splitByVideo, writeWindows } from "../learn/dataset";
import { checkParity, evaluateHeldOut } from "../learn/evaluate";
import { grownManifest } from "../learn/new-labels";
import { missingTrainerModules, runTrainer } from "../learn/trainer";
import { TrainerError } from "../learn/trainer-failure";
import { job, PermanentError, type JobContext } from "./types";
import { jobTempDir } from "../temp";

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonObject;

/**
 * Issue #14: trains a new head from the editors' labels (cached features only, no decode), judges it
 * against the model it starts from on held-out labelled videos, and stores it as a model version —
 * "ready" if it beats that model there, "refused" (with the numbers) if not.
 */
export const retrainJob = job("retrain", {
  // One at a time per worker; the trainer runs at nice 19, so analysis keeps the CPU.
  options: { concurrency: 1, timeoutMs: 60 * 60_000 },

  // Issue #30: each worker says at start whether its Python can train, for the Models page.
  async warmUp() {
    const python = env().TRAIN_PYTHON;
    const missing = await missingTrainerModules(python);
    await recordTrainerCheck({ host: hostname(), python, missing });
    if (missing.length > 0)
      childLogger({ job: "retrain" }).warn(
        { python, missing },
        "retraining is off: the trainer's modules are missing",
      );
  },

  async handle({ versionId }, ctx) {
    const v = await db().modelVersion.findUnique({ where: { id: versionId } });
    if (!v || (v.status !== "queued" && v.status !== "training")) return;
    // "training" here means a worker started it and died (killed, restarted, lost its lock): say so and
    // free the way for the next retrain rather than train twice (issue #30).
    if (v.status === "training")
      return failVersion(
        versionId,
        "The worker training this version stopped before it finished (it crashed or was restarted). Start the retrain again.",
        null,
      );
    try {
      return await train(v, ctx);
    } catch (err) {
      // Whatever stopped it, the version ends failed with a plain reason, so the next retrain can start.
      const e = err as Error;
      const message = e instanceof TrainerError ? e.message : `The retrain stopped: ${e.message}`;
      await failVersion(versionId, message, e instanceof TrainerError ? e.detail : (e.stack ?? null));
      throw new PermanentError(message);
    }
  },

  async onFailed({ versionId }, message) {
    // Only where the handler could not say it itself (a payload the runtime refused, a stall).
    await db().modelVersion.updateMany({
      where: { id: versionId, status: { in: ["queued", "training"] } },
      data: { status: "failed", error: message, stage: null, completedAt: new Date() },
    });
  },
});

async function failVersion(versionId: string, error: string, errorDetail: string | null) {
  await db().modelVersion.updateMany({
    where: { id: versionId, status: { in: ["queued", "training"] } },
    data: { status: "failed", error, errorDetail, stage: null, completedAt: new Date() },
  });
  childLogger({ versionId, job: "retrain" }).warn({ error }, "retrain failed");
}

async function train(v: ModelVersion, ctx: JobContext): Promise<{ status: "ready" | "refused" } | void> {
  const versionId = v.id;
  const log = childLogger({ versionId, jobId: ctx.jobId, job: "retrain" });
  const t0 = Date.now();
  const step = async (stage: string, progress: number) => {
    await ctx.reportProgress(stage, progress);
    await db().modelVersion.update({
      where: { id: versionId },
      data: { status: "training", stage, progress },
    });
  };
  const refuse = async (verdict: string, extra: Prisma.ModelVersionUpdateInput = {}) => {
    await db().modelVersion.update({
      where: { id: versionId },
      data: { status: "refused", verdict, stage: null, progress: 1, completedAt: new Date(), ...extra },
    });
    log.info({ verdict }, "retrain refused");
  };
  await step("collecting labels", 0.02);
  const parentRow = await db().modelVersion.findFirst({
    where: { modelId: v.modelId, version: v.parentVersion, status: "ready" },
  });
  const parent: LoadedModel = await modelFor(v.modelId, parentRow?.id ?? null);
  // the parent's labels and the taught ones with enough examples (issue #14 item 4)
  const labelled = await labelledVideos();
  const plan = planLabels(parent, await taughtLabelNames(), labelled);
  const target: LoadedModel = { ...parent, labels: plan.labels };
  const videos = withLabelledWindows(labelled, target);
  const leftOut = plan.leftOut.map((l) => ` ${l}`).join("");
  const few = tooFewVideos(videos, parent, plan.leftOut);
  if (few) return refuse(few);
  const { train, heldOut } = splitByVideo(videos, plan.added);
  const tmp = await jobTempDir("retrain");
  try {
    // per video: these two stages read every labelled match's features (a minute or more for 20)
    const along = (stage: string, from: number, to: number) => (done: number, of: number) =>
      void step(`${stage} (${done + 1} of ${of})`, from + ((to - from) * done) / of).catch(() => undefined);
    const windows = await writeWindows(
      path.join(tmp, "windows"),
      train,
      target,
      along("building windows from cached features", 0.05, 0.1),
    );
    const examples = json({
      labels: videos.reduce((n, x) => n + x.intervals.length, 0),
      newLabels: plan.added,
      leftOut: plan.leftOut,
      videos: { train: train.length, heldOut: heldOut.length },
      windows,
      heldOutVideos: heldOut.map((x) => x.videoId),
    });
    const fingerprint = fingerprintOf(videos, `${v.modelId}@${v.parentVersion}`);
    if (windows.positive === 0 || windows.background === 0) {
      return refuse(
        `The training videos give ${windows.positive} labelled event windows and ${windows.background} background windows; both are needed (accept or add highlights, reject false ones, or mark a review complete).${leftOut}`,
        { examples, fingerprint },
      );
    }
    const out = path.join(tmp, "out");
    await step("training (PyTorch)", 0.1);
    await runTrainer({
      windowsDir: path.join(tmp, "windows"),
      initDir: parent.dir,
      outDir: out,
      baseCache: path.resolve(env().DATA_DIR, "model-cache"),
      signal: ctx.signal,
      onProgress: (f) => void step("training (PyTorch)", 0.1 + 0.7 * f).catch(() => undefined),
    });
    const trained = JSON.parse(await readFile(path.join(out, "result.json"), "utf8")) as {
      sha256: string;
      seconds: number;
    };
    const manifest = grownManifest(parent.manifest, plan, v.version, trained.sha256);
    const candidate: LoadedModel = {
      ...target,
      manifest,
      dir: out,
      headFile: path.join(out, "head.onnx"),
    };
    await step("checking ONNX parity", 0.82);
    const parity = await checkParity(candidate, path.join(out, "parity.json"));

    // the known labels as the parent sees them; each new label on its own (it has no baseline)
    const known = { labels: parent.labels, events: Object.keys(parent.manifest.segmentDefaults) };
    const [activeMetrics, newMetrics, ...addedMetrics] = await evaluateHeldOut(
      [
        { model: parent, only: known },
        { model: candidate, only: known },
        ...plan.added.map((label) => ({
          model: candidate,
          only: { labels: plan.labels, events: [label] },
        })),
      ],
      heldOut,
      (x) => readFeatures(x.featuresKey),
      along("evaluating on held-out videos", 0.85, 0.95),
    );
    const learnt = plan.added.map((label, i) => ({ label, metrics: addedMetrics[i]! }));
    const judged = judge(newMetrics, activeMetrics, learnt);
    const better = judged.better;
    const verdict = `${judged.verdict}${leftOut}`;

    await step("storing the version", 0.95);
    await putObject(
      keys.modelVersionFile(versionId, "head.onnx"),
      await readFile(candidate.headFile),
      "application/octet-stream",
    );
    await putObject(
      keys.modelVersionFile(versionId, "parity.json"),
      await readFile(path.join(out, "parity.json")),
      "application/json",
    );
    const newLabels = Object.fromEntries(learnt.map((l) => [l.label, l.metrics]));
    const metrics = json({
      heldOut: newMetrics,
      parentHeldOut: activeMetrics,
      newLabels,
      parity,
      training: trained,
    });
    await db().modelVersion.update({
      where: { id: versionId },
      data: {
        status: better ? "ready" : "refused",
        verdict,
        stage: null,
        progress: 1,
        headKey: keys.modelVersionFile(versionId, "head.onnx"),
        headSha256: trained.sha256,
        manifest: json({
          ...manifest,
          metrics: { heldOut: newMetrics, newLabels },
          trainingData: { fingerprint, note: "labels of this instance's editors (issue #14)" },
        }),
        metrics,
        examples,
        fingerprint,
        trainSeconds: (Date.now() - t0) / 1000,
        completedAt: new Date(),
      },
    });
    log.info({ verdict, seconds: (Date.now() - t0) / 1000 }, "retrain finished");
    return { status: better ? "ready" : "refused" };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
