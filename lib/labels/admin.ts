// Renaming and removing labels editors taught (issue #14): a typo ("pnalty") or a label added by
// mistake. The installed model's own labels are fixed; a taught label's name is stored wherever it is
// used (examples, highlights, versions that learnt it, their score files, live sources), and a rename
// changes every one of them in one transaction.
import { randomUUID } from "node:crypto";
import { ZScoreFile } from "../analysis/scores";
import { db } from "@/lib/platform/db";
import { conflict, notFound } from "@/lib/platform/errors";
import type { Prisma } from "../generated/prisma/client";
import { childLogger } from "@/lib/platform/logger";
import { defaultModelId, readManifest } from "../model";
import type { TKnownLabelsDto, TLabelRemovedDto } from "../schemas/labels";
import { ZLiveParams } from "../schemas/live";
import { getObjectBytes, keys, putObject } from "@/lib/platform/storage";
import { BACKGROUND } from "./kinds";
import { manifestHas, renameInManifest, renameInScores, renameInVersionStats, renameKey } from "./relabel";
import { listKnownLabels } from "./taught";

type Tx = Prisma.TransactionClient;
const json = (v: unknown) => v as Prisma.InputJsonValue;

/** The taught label `name`, or the error that says why it cannot be changed. */
async function taughtOr409(name: string, doing: "renamed" | "removed") {
  const builtIn = readManifest(defaultModelId()).manifest;
  if (name === BACKGROUND || builtIn.labels.names.includes(name))
    throw conflict(
      `"${name}" is built into the installed model (${builtIn.id} ${builtIn.version}) and cannot be ${doing}; only labels added in the review room can`,
    );
  const row = await db().taughtLabel.findUnique({ where: { name } });
  if (!row) throw notFound(`Label "${name}"`);
  const training = await db().modelVersion.findFirst({
    where: { status: { in: ["queued", "training"] } },
    select: { version: true },
  });
  if (training)
    throw conflict(
      `A retrain (version ${training.version}) is reading the labels now; "${name}" can be ${doing} once it has finished`,
    );
  return row;
}

/** Model versions whose head has an output for the label (their manifest lists it). */
async function versionsThatLearnt(name: string) {
  const rows = await db().modelVersion.findMany({ where: { manifest: { not: { equals: null } } } });
  return rows.filter((v) => manifestHas(v.manifest, name));
}

export async function renameLabel(from: string, to: string): Promise<TKnownLabelsDto> {
  await taughtOr409(from, "renamed");
  if (to === from) return listKnownLabels();
  const known = await listKnownLabels();
  const versions = await versionsThatLearnt(from);
  if (known.labels.some((l) => l.name === to) || (await versionsThatLearnt(to)).length > 0)
    throw conflict(`There is already a label "${to}"`);
  const versionIds = versions.map((v) => v.id);
  const running = await db().analysis.count({
    where: { modelVersionId: { in: versionIds }, status: { in: ["queued", "running"] } },
  });
  if (running > 0)
    throw conflict(
      `${running} analysis/analyses with a version that learnt "${from}" are running; rename it once they have finished`,
    );
  // Score files are written first, each under a new key that the transaction swaps in: a failure
  // before the commit leaves the old names everywhere (the unused files go with their analysis).
  const analyses = await db().analysis.findMany({
    where: { modelVersionId: { in: versionIds }, status: "complete" },
    select: { id: true, videoId: true, scoresKey: true, params: true },
  });
  const stamp = randomUUID().slice(0, 8);
  const newKeys = new Map<string, string>();
  for (const a of analyses) {
    if (!a.scoresKey) continue;
    const file = ZScoreFile.parse(JSON.parse(new TextDecoder().decode(await getObjectBytes(a.scoresKey))));
    const key = keys.relabelledScores(a.videoId, a.id, stamp);
    await putObject(key, JSON.stringify(renameInScores(file, from, to)), "application/json");
    newKeys.set(a.id, key);
  }
  await db().$transaction(
    async (tx) => {
      await tx.taughtLabel.update({ where: { name: from }, data: { name: to } });
      const examples = await tx.trainingLabel.updateMany({ where: { label: from }, data: { label: to } });
      const highlights = await tx.highlight.updateMany({ where: { label: from }, data: { label: to } });
      await tx.video.updateMany({ where: { reelLabel: from }, data: { reelLabel: to } });
      for (const v of versions)
        await tx.modelVersion.update({
          where: { id: v.id },
          data: {
            manifest: json(renameInManifest(v.manifest as Record<string, unknown>, from, to)),
            ...jsonStats(renameInVersionStats(v, from, to)),
          },
        });
      for (const a of analyses) {
        const params = a.params as { segments?: unknown } | null;
        await tx.analysis.update({
          where: { id: a.id },
          data: {
            scoresKey: newKeys.get(a.id) ?? a.scoresKey,
            ...(params?.segments
              ? { params: json({ ...params, segments: renameKey(params.segments, from, to) }) }
              : {}),
          },
        });
      }
      const live = await renameInLive(tx, from, to);
      childLogger({}).info(
        { from, to, examples: examples.count, highlights: highlights.count, versions: versions.length, live },
        "label renamed",
      );
    },
    // one update per analysis a version scored: more than Prisma's 5-s default on a large instance
    { timeout: 120_000 },
  );
  return listKnownLabels();
}

function jsonStats(o: { metrics: unknown; examples: unknown }) {
  return {
    ...(o.metrics === null ? {} : { metrics: json(o.metrics) }),
    ...(o.examples === null ? {} : { examples: json(o.examples) }),
  };
}

/** Live sources scored by a version that learnt the label: their grid, thresholds, segments, highlights. */
async function renameInLive(tx: Tx, from: string, to: string): Promise<number> {
  const sources = await tx.liveSource.findMany({ where: { params: { not: { equals: null } } } });
  const touched = sources.filter((s) => ZLiveParams.parse(s.params).grid.labels.includes(from));
  for (const s of touched) {
    const p = ZLiveParams.parse(s.params);
    const params = { grid: renameInScores(p.grid, from, to), segments: renameKey(p.segments, from, to) };
    await tx.liveSource.update({ where: { id: s.id }, data: { params: json(params) } });
    await tx.liveHighlight.updateMany({ where: { liveSourceId: s.id, label: from }, data: { label: to } });
    await tx.$executeRaw`
      UPDATE "LiveSegment"
      SET scores = jsonb_set(
        scores,
        '{scores}',
        ((scores->'scores') - ${from}::text) || jsonb_build_object(${to}::text, (scores->'scores')->${from}::text)
      )
      WHERE "liveSourceId" = ${s.id}::uuid AND (scores->'scores')->${from}::text IS NOT NULL`;
  }
  return touched.length;
}

/**
 * Removes a taught label with its examples (training labels and the highlights marked for it). The
 * active version must not have learnt it: its timeline would keep a track no label names, so the
 * editor is told to activate a version without it first.
 */
export async function removeLabel(name: string): Promise<TLabelRemovedDto> {
  await taughtOr409(name, "removed");
  const active = (await versionsThatLearnt(name)).find((v) => v.active);
  if (active)
    throw conflict(
      `The active model version ${active.version} has learnt "${name}", so the timeline shows a track for it. Activate a version that has not learnt it (or the installed model) on the Models page, then remove it; a retrain after that learns a head without it.`,
    );
  const out = await db().$transaction(async (tx) => {
    // counted as the label list counts them (lib/labels/taught.ts), which the confirmation showed
    const examples = await tx.trainingLabel.count({
      where: { label: name, kind: "positive", video: { deletedAt: null } },
    });
    await tx.trainingLabel.deleteMany({ where: { label: name } });
    const highlights = await tx.highlight.deleteMany({ where: { label: name } });
    await tx.taughtLabel.delete({ where: { name } });
    return { examples, highlights: highlights.count };
  });
  childLogger({}).info({ label: name, ...out }, "label removed");
  return { removed: name, examples: out.examples, labels: (await listKnownLabels()).labels };
}
