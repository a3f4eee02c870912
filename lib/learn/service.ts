import { db } from "@/lib/platform/db";
import { conflict, notFound } from "@/lib/platform/errors";
import type { ModelVersion } from "../generated/prisma/client";
import { childLogger } from "@/lib/platform/logger";
import { defaultModelId, readManifest } from "../model";
import { jobIdOf, startJob } from "../pipeline/enqueue";
import { dispatchSoon } from "../pipeline/outbox";
import type { TActivated, TModelVersionDto, TModelVersionsDto } from "../schemas/learn";
import { activeVersion } from "./active";
import { failStaleRetrains, retrainReadiness } from "./prerequisites";
import { trainerStatus } from "./trainer-status";
import { pendingStatus } from "../status/lookup";

function dto(v: ModelVersion): TModelVersionDto {
  const metrics = (v.metrics ?? {}) as Partial<
    Pick<TModelVersionDto, "heldOut" | "parentHeldOut" | "newLabels">
  >;
  return {
    id: v.id,
    version: v.version,
    parentVersion: v.parentVersion,
    status: v.status,
    active: v.active,
    stage: v.stage,
    progress: v.progress,
    error: v.error,
    errorDetail: v.errorDetail,
    verdict: v.verdict,
    heldOut: metrics.heldOut ?? null,
    parentHeldOut: metrics.parentHeldOut ?? null,
    newLabels: metrics.newLabels ?? {},
    examples: (v.examples as TModelVersionDto["examples"]) ?? null,
    fingerprint: v.fingerprint,
    trainSeconds: v.trainSeconds,
    createdAt: v.createdAt.toISOString(),
    completedAt: v.completedAt?.toISOString() ?? null,
    activatedAt: v.activatedAt?.toISOString() ?? null,
  };
}

const ATTEMPT = new Set(["refused", "failed"]);

/** Versions (queued, training, ready) apart from attempts that gave none (refused, failed): issue #24. */
export async function listVersions(): Promise<TModelVersionsDto> {
  const modelId = defaultModelId();
  await failStaleRetrains(modelId);
  const rows = await db().modelVersion.findMany({ where: { modelId }, orderBy: { createdAt: "desc" } });
  return {
    modelId,
    installedVersion: readManifest(modelId).manifest.version,
    activeId: rows.find((r) => r.active)?.id ?? null,
    versions: await Promise.all(
      rows
        .filter((r) => !ATTEMPT.has(r.status))
        .map(async (r) => ({
          ...dto(r),
          job:
            r.status === "queued" || r.status === "training"
              ? await pendingStatus("retrain", jobIdOf("retrain", { versionId: r.id }))
              : null,
        })),
    ),
    attempts: rows.filter((r) => ATTEMPT.has(r.status)).map(dto),
    trainer: await trainerStatus(),
    readiness: await retrainReadiness(),
  };
}

/** Queues a retrain of the default model from the labels, starting from its active version. */
export async function startRetrain(userId: string): Promise<TModelVersionDto> {
  const modelId = defaultModelId();
  const installed = readManifest(modelId).manifest.version;
  // Said before a run starts, and no row is made for a run that could only fail or be refused.
  const trainer = await trainerStatus();
  if (trainer.state === "missing") throw conflict(trainer.message!);
  const ready = await retrainReadiness();
  if (!ready.ready) throw conflict(ready.message);
  await failStaleRetrains(modelId);
  const running = await db().modelVersion.findFirst({
    where: { modelId, status: { in: ["queued", "training"] } },
  });
  if (running) throw conflict(`A retrain is already under way (version ${running.version})`);
  const active = await activeVersion(modelId);
  const n = (await db().modelVersion.count({ where: { modelId } })) + 1;
  // The row and its job commit together (lib/pipeline/outbox.ts): a "queued" version always has a job.
  const row = await db().$transaction(async (tx) => {
    const created = await tx.modelVersion.create({
      data: {
        modelId,
        version: `${installed}+r${n}`,
        parentVersion: active?.version ?? installed,
        createdById: userId,
      },
    });
    await startJob(tx, "retrain asked for", "retrain", { versionId: created.id });
    return created;
  });
  await dispatchSoon();
  childLogger({ versionId: row.id }).info(
    { version: row.version, parent: row.parentVersion },
    "retrain queued",
  );
  return dto(row);
}

/**
 * Makes a ready version (or, with null, the installed files) serve new analyses, and re-scores every
 * video's current analysis from its cached features. A refused version cannot be activated: its
 * verdict says why.
 */
export async function activateVersion(versionId: string | null): Promise<TActivated> {
  const modelId = defaultModelId();
  let version = readManifest(modelId).manifest.version;
  if (versionId) {
    const v = await db().modelVersion.findUnique({ where: { id: versionId } });
    if (!v || v.modelId !== modelId) throw notFound("Model version");
    if (v.status === "refused")
      throw conflict(`Version ${v.version} cannot be activated. ${v.verdict ?? ""}`.trim());
    if (v.status !== "ready") throw conflict(`Version ${v.version} is ${v.status}, not ready`);
    version = v.version;
  }
  const nonce = String(Date.now());
  // The activation and its re-scores commit together (lib/pipeline/outbox.ts).
  const analyses = await db().$transaction(async (tx) => {
    await tx.modelVersion.updateMany({ where: { modelId, active: true }, data: { active: false } });
    if (versionId)
      await tx.modelVersion.update({
        where: { id: versionId },
        data: { active: true, activatedAt: new Date() },
      });
    const rows = await tx.analysis.findMany({
      where: {
        modelId,
        current: true,
        status: "complete",
        featuresKey: { not: null },
        video: { deletedAt: null },
      },
      select: { videoId: true },
    });
    for (const a of rows)
      await startJob(tx, "model version activated", "rescore", { videoId: a.videoId, versionId }, { nonce });
    return rows;
  });
  await dispatchSoon();
  childLogger({ versionId }).info({ version, rescoring: analyses.length }, "model version activated");
  return { activeId: versionId, version, rescoring: analyses.length };
}
