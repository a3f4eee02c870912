import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/platform/env";
import { resolveFile, verifySha256 } from "./files";
import { ZModelIndex, ZModelManifest, type TModelManifest } from "./manifest";

export interface LoadedModel {
  manifest: TModelManifest;
  dir: string;
  backboneFile: string;
  headFile: string;
  labelsFile: string;
  labels: string[];
}

export function modelRoots(): string[] {
  return [path.resolve(env().MODELS_DIR), path.resolve(env().SHARED_MODELS_DIR)];
}

// Installed models: every <root>/<id>/manifest.json; the first root wins on a duplicate id.
export function listModels(roots = modelRoots()): string[] {
  const ids = new Set<string>();
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(path.join(root, entry.name, "manifest.json")))
        ids.add(entry.name);
    }
  }
  return [...ids].sort();
}

export function defaultModelId(roots = modelRoots()): string {
  const chosen = env().MODEL_ID;
  if (chosen) return chosen;
  for (const root of roots) {
    const index = path.join(root, "index.json");
    if (existsSync(index)) return ZModelIndex.parse(JSON.parse(readFileSync(index, "utf8"))).default;
  }
  const ids = listModels(roots);
  if (ids.length === 1) return ids[0]!;
  throw new Error(`No models/index.json and ${ids.length} installed models; choose one with a model id`);
}

export function readManifest(id: string, roots = modelRoots()): { manifest: TModelManifest; dir: string } {
  const manifestPath = resolveFile(path.join(id, "manifest.json"), roots);
  const parsed = ZModelManifest.safeParse(JSON.parse(readFileSync(manifestPath, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `Invalid model manifest ${manifestPath}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  if (parsed.data.id !== id)
    throw new Error(`Manifest ${manifestPath} has id "${parsed.data.id}", expected "${id}"`);
  return { manifest: parsed.data, dir: path.dirname(manifestPath) };
}

// Files are looked up beside the manifest, then in each model root (the backbone is shared data).
export async function loadModel(id?: string, roots = modelRoots()): Promise<LoadedModel> {
  const { manifest, dir } = readManifest(id ?? defaultModelId(roots), roots);
  const dirs = [dir, ...roots];
  const backboneFile = resolveFile(manifest.backbone.file, dirs);
  const headFile = resolveFile(manifest.head.file, dirs);
  const labelsFile = resolveFile(manifest.labels.file, dirs);
  await Promise.all([
    verifySha256(backboneFile, manifest.backbone.sha256),
    verifySha256(headFile, manifest.head.sha256),
    verifySha256(labelsFile, manifest.labels.sha256),
  ]);
  const labels = readFileSync(labelsFile, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (labels.join(",") !== manifest.labels.names.join(",")) {
    throw new Error(
      `Labels file ${labelsFile} (${labels.join(",")}) disagrees with the manifest (${manifest.labels.names.join(",")})`,
    );
  }
  return { manifest, dir, backboneFile, headFile, labelsFile, labels };
}
