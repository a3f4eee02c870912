import { coverageFrom } from "@/lib/analysis/coverage";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { tracksOf } from "@/lib/analysis/scores";
import { db } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deriveAllSegments } from "@/lib/highlights/segments";
import { activeVersion } from "@/lib/learn/active";
import { childLogger } from "@/lib/platform/logger";
import { highlightRows, planApply } from "@/lib/review/apply";
import { segmentParamsOf } from "@/lib/schemas/analysis";
import { keys, putObject } from "@/lib/platform/storage";
import { scoreFeatures } from "../analysis/pipeline";
import { modelFor } from "../analysis/models";
import { readFeatures, toScoreFile } from "../analysis/store";
import { job } from "./types";

/**
 * Issue #14: moves a video's current analysis onto the model version just activated, from its cached
 * features (no decode). A new Analysis row takes over only once complete, as after a re-analysis; the
 * editor's decisions (and their clips) move with it, suggestions are derived again with the stored
 * slider parameters (lib/review/apply.ts planApply: an unchanged suggestion keeps its row and clip).
 */
export const rescoreJob = job("rescore", {
  options: { concurrency: 1, timeoutMs: 10 * 60_000 },

  async handle({ videoId, versionId }, ctx) {
    const log = childLogger({ videoId, versionId, jobId: ctx.jobId, job: "rescore" });
    const cur = await db().analysis.findFirst({
      where: { videoId, current: true, status: "complete" },
      include: { video: true },
    });
    if (!cur?.featuresKey) return log.info("no completed analysis with cached features; nothing to re-score");
    const active = await activeVersion(cur.modelId);
    if ((active?.id ?? null) !== versionId) return log.info("another version was activated since; skipped");
    if ((cur.modelVersionId ?? null) === versionId) return log.info("already scored by this version");
    await ctx.reportProgress("re-scoring", 0.1);
    const model = await modelFor(cur.modelId, versionId);
    const dim = model.manifest.backbone.featureDim;
    const features = await readFeatures(cur.featuresKey);
    const next = await db().analysis.create({
      data: {
        videoId,
        modelId: cur.modelId,
        modelVersion: model.manifest.version,
        modelVersionId: versionId,
        ...analysisLifecycle.started(),
        params: (cur.params ?? undefined) as Prisma.InputJsonValue | undefined,
        featuresKey: cur.featuresKey,
        shotsKey: cur.shotsKey,
      },
    });
    const timeline = await scoreFeatures(
      model,
      { firstFrame: 0, count: features.length / dim, features },
      true,
      undefined,
      coverageFrom(cur.coverage)?.leadFrames ?? 0,
    );
    const scores = toScoreFile(timeline);
    const scoresKey = keys.scores(videoId, next.id);
    await putObject(scoresKey, JSON.stringify(scores), "application/json");
    await ctx.reportProgress("deriving highlights", 0.8);
    const params = segmentParamsOf(cur.params, model.manifest.segmentDefaults);
    const derived = deriveAllSegments(tracksOf(scores), params, cur.video.durationS ?? 0);
    const existing = await db().highlight.findMany({ where: { analysisId: cur.id } });
    const plan = planApply(existing, derived);
    // The new highlights' cuts commit with them (staged in the outbox inside this transaction).
    const { created } = await ctx.commit(async (tx) => {
      await tx.highlight.deleteMany({ where: { id: { in: plan.remove } } });
      await tx.highlight.updateMany({ where: { analysisId: cur.id }, data: { analysisId: next.id } });
      const rows = await tx.highlight.createManyAndReturn({
        data: highlightRows(videoId, next.id, plan.create, { cutting: true }),
        select: { id: true, revision: true },
      });
      await tx.analysis.update({ where: { id: cur.id }, data: { current: false } });
      await analysisLifecycle.completed(tx, next.id, {
        current: true,
        progress: 1,
        scoresKey,
        completedAt: new Date(),
      });
      const cuts = rows.map((h) => ({
        job: "cut-clip" as const,
        data: { highlightId: h.id, revision: h.revision },
      }));
      return { created: rows, next: cuts };
    });
    log.info(
      {
        analysisId: next.id,
        from: cur.modelVersion,
        to: model.manifest.version,
        created: created.length,
        removed: plan.remove.length,
      },
      "re-scored from cached features",
    );
    return { analysisId: next.id, created: created.length, removed: plan.remove.length };
  },
});
