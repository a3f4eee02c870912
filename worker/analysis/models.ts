import { db } from "@/lib/platform/db";
import { activeVersion } from "@/lib/learn/active";
import { loadModel, ZModelManifest, type LoadedModel } from "@/lib/model";
import { loadVersion } from "../learn/version-model";

// Loading checks sha256 of every model file (the backbone is 14 MB): once per model per process.
const cache = new Map<string, Promise<LoadedModel>>();

/** The installed model `id`, or with `versionId` that retrained version of it (issue #14). */
export async function modelFor(id: string | undefined, versionId?: string | null): Promise<LoadedModel> {
  const key = `${id ?? ""}@${versionId ?? ""}`;
  let p = cache.get(key);
  if (!p) {
    p = versionId ? loadVersion(versionId) : loadModel(id);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  if (!versionId) return p;
  const [model, row] = await Promise.all([
    p,
    db().modelVersion.findUnique({ where: { id: versionId }, select: { manifest: true } }),
  ]);
  return row?.manifest ? namedNow(model, row.manifest) : model;
}

/**
 * A version's outputs under the names its row gives them now: renaming a taught label
 * (lib/labels/admin.ts) changes the version's manifest, not its head, so a model loaded before the
 * rename takes the new names without being loaded again.
 */
function namedNow(model: LoadedModel, stored: unknown): LoadedModel {
  const manifest = ZModelManifest.parse(stored);
  if (manifest.labels.names.join("\n") === model.labels.join("\n")) return model;
  return { ...model, manifest, labels: manifest.labels.names };
}

/** What a new analysis uses: the model asked for (or the default), in its active version if any. */
export async function servingModel(
  id: string | undefined,
): Promise<{ model: LoadedModel; versionId: string | null }> {
  const installed = await modelFor(id);
  const active = await activeVersion(installed.manifest.id);
  if (!active) return { model: installed, versionId: null };
  return { model: await modelFor(installed.manifest.id, active.id), versionId: active.id };
}
