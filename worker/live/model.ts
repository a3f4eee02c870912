// Which model scores a live source's next segment (issue #14): the installed model in its active
// version, as for a file analysis (worker/analysis/models.ts servingModel), asked again before every
// segment, so an activation during a match takes effect at the next segment boundary. A switch there is
// seamless: every version shares the installed backbone, so the carried tail of features is the same.
import { db } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LoadedModel, TModelManifest } from "@/lib/model";
import { ZLiveParams, type TLiveParams } from "@/lib/schemas/live";
import { servingModel } from "../analysis/models";

export interface LiveModel {
  model: LoadedModel;
  /** null: the installed model files */
  versionId: string | null;
  /** the source's grid and thresholds, with any labels the version added */
  params: TLiveParams;
}

/** The serving model and the source's parameters for it (paramsFor), stored when they changed. */
export async function liveModel(src: { id: string; modelId: string | null }): Promise<LiveModel> {
  const { model, versionId } = await servingModel(src.modelId ?? undefined);
  // Read each time, not carried: a label renamed meanwhile (lib/labels/admin.ts) renamed it here too.
  const row = await db().liveSource.findUnique({ where: { id: src.id }, select: { params: true } });
  const stored = row?.params ? ZLiveParams.parse(row.params) : null;
  const params = paramsFor(stored, model.manifest);
  if (params !== stored)
    await db().liveSource.update({
      where: { id: src.id },
      data: { modelId: model.manifest.id, params: params as unknown as Prisma.InputJsonObject },
    });
  return { model, versionId, params };
}

/**
 * The window grid is the first segment's for the whole stream; a version with labels the grid lacks
 * adds them (with the version's thresholds), and earlier segments read 0 for them
 * (lib/live/timeline.ts). A model whose grid differs cannot join the stream's windows: that throws,
 * saying what to do. Returns `stored` itself when nothing changes.
 */
export function paramsFor(stored: TLiveParams | null, m: TModelManifest): TLiveParams {
  const grid = { rate: m.sampleRate, windowFrames: m.window.frames, strideFrames: m.window.stride };
  if (!stored) return { grid: { labels: m.labels.names, ...grid }, segments: m.segmentDefaults };
  const g = stored.grid;
  if (g.rate !== grid.rate || g.windowFrames !== grid.windowFrames || g.strideFrames !== grid.strideFrames)
    throw new Error(
      `the serving model ${m.id} ${m.version} samples ${grid.rate}/s in windows of ${grid.windowFrames}/${grid.strideFrames} frames, this stream started with ${g.rate}/s and ${g.windowFrames}/${g.strideFrames}; start a new live source`,
    );
  const added = m.labels.names.filter((l) => !g.labels.includes(l));
  if (added.length === 0) return stored;
  const segments = { ...stored.segments };
  for (const l of added) if (m.segmentDefaults[l]) segments[l] = m.segmentDefaults[l];
  return { grid: { ...g, labels: [...g.labels, ...added] }, segments };
}
