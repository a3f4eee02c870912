import { db } from "@/lib/platform/db";
import { conflict } from "@/lib/platform/errors";
import { childLogger } from "@/lib/platform/logger";
import { defaultModelId, readManifest, ZModelManifest } from "../model";
import { activeVersion } from "../learn/active";
import { countExamples, readiness } from "../learn/readiness";
import type { TKnownLabelsDto } from "../schemas/labels";
import { BACKGROUND } from "./kinds";

/** The labels the default model serves now: its active version's, else its installed manifest's. */
export async function servedLabels(): Promise<string[]> {
  const modelId = defaultModelId();
  const active = await activeVersion(modelId);
  const manifest = active?.manifest ? ZModelManifest.parse(active.manifest) : readManifest(modelId).manifest;
  return manifest.labels.names;
}

/** The names a retrain teaches beside the model's own, oldest first (the order of the head's new rows). */
export async function taughtLabelNames(): Promise<string[]> {
  const rows = await db().taughtLabel.findMany({ orderBy: [{ createdAt: "asc" }, { name: "asc" }] });
  return rows.map((r) => r.name);
}

/**
 * Every label this instance knows: the installed model's own (built in) and those editors added, with
 * their examples (positive labels on videos not in the trash) and whether a retrain can learn them yet.
 */
export async function listKnownLabels(): Promise<TKnownLabelsDto> {
  const builtIn = readManifest(defaultModelId()).manifest.labels.names.filter((l) => l !== BACKGROUND);
  const served = new Set(await servedLabels());
  const taught = (await taughtLabelNames()).filter((n) => !builtIn.includes(n));
  const names = [...builtIn, ...taught];
  const rows = await db().trainingLabel.findMany({
    where: { kind: "positive", label: { in: names }, video: { deletedAt: null } },
    select: { videoId: true, label: true, kind: true },
  });
  return {
    labels: countExamples(rows, names).map((c) => ({
      name: c.label,
      builtIn: builtIn.includes(c.label),
      learnt: served.has(c.label),
      examples: c.examples,
      videos: c.videos,
      ...readiness(c),
    })),
  };
}

export async function addLabel(name: string, userId: string | null): Promise<TKnownLabelsDto> {
  const known = await listKnownLabels();
  if (known.labels.some((l) => l.name === name)) throw conflict(`There is already a label "${name}"`);
  await db().taughtLabel.create({ data: { name, createdById: userId } });
  childLogger({ userId }).info({ label: name }, "label added");
  return listKnownLabels();
}
