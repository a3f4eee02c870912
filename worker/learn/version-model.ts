import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { loadModel, verifySha256, ZModelManifest, type LoadedModel } from "@/lib/model";
import { getObjectBytes, keys } from "@/lib/platform/storage";

/** Where a worker keeps the heads of model versions it has served (fetched from S3 once). */
export function versionDir(versionId: string): string {
  return path.resolve(env().DATA_DIR, "model-versions", versionId);
}

async function fetchOnce(versionId: string, file: "head.onnx" | "parity.json"): Promise<string> {
  const dir = versionDir(versionId);
  const dest = path.join(dir, file);
  if (existsSync(dest)) return dest;
  await mkdir(dir, { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  await writeFile(tmp, await getObjectBytes(keys.modelVersionFile(versionId, file)));
  await rename(tmp, dest);
  return dest;
}

/**
 * A retrained version as a LoadedModel: the installed model's backbone, the version's manifest (labels,
 * window, calibration, segment defaults) and its head, fetched from S3 into the local
 * cache and checked against the sha256 the retrain recorded.
 */
export async function loadVersion(versionId: string): Promise<LoadedModel> {
  const v = await db().modelVersion.findUnique({ where: { id: versionId } });
  if (!v) throw new Error(`model version ${versionId} no longer exists`);
  if (v.status !== "ready" || !v.headSha256 || !v.manifest)
    throw new Error(`model version ${v.modelId} ${v.version} is ${v.status}, not ready to serve`);
  const base = await loadModel(v.modelId);
  const manifest = ZModelManifest.parse(v.manifest);
  const headFile = await fetchOnce(versionId, "head.onnx");
  await fetchOnce(versionId, "parity.json");
  await verifySha256(headFile, v.headSha256);
  // A version may have learnt labels editors taught (issue #14 item 4): they follow the installed
  // model's, whose outputs keep their places.
  const names = manifest.labels.names;
  if (base.labels.some((l, i) => names[i] !== l))
    throw new Error(
      `model version ${v.version} has labels ${names.join(",")}, which do not start with the installed model's ${base.labels.join(",")}`,
    );
  return { ...base, manifest, labels: names, dir: versionDir(versionId), headFile };
}
