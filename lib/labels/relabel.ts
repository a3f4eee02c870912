import { createHash } from "node:crypto";

// Renaming a taught label where names are stored inside JSON (issue #14): a model version's manifest
// and metrics, an analysis's score file and slider parameters, a live source's grid. The ONNX head has
// no names, only output positions, so a version keeps its track under the new name. Pure functions.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The object with key `from` renamed `to`, in the same place among its keys; as it was without it. */
export function renameKey<T>(obj: T, from: string, to: string): T {
  if (!isObject(obj) || !(from in obj)) return obj;
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v])) as T;
}

export const renameIn = (names: readonly string[], from: string, to: string) =>
  names.map((n) => (n === from ? to : n));

/** Whether a stored model manifest (ModelVersion.manifest) lists the label among its outputs. */
export function manifestHas(manifest: unknown, label: string): boolean {
  const names = isObject(manifest) && isObject(manifest.labels) ? manifest.labels.names : null;
  return Array.isArray(names) && names.includes(label);
}

/**
 * A version's manifest with the label renamed: its output names (and their sha256, as the retrain
 * computes it, worker/learn/new-labels.ts), its segment defaults and its per-label metrics.
 */
export function renameInManifest(manifest: Json, from: string, to: string): Json {
  const labels = manifest.labels as Json & { names: string[] };
  const names = renameIn(labels.names, from, to);
  const sha256 = createHash("sha256")
    .update(`${names.join("\n")}\n`)
    .digest("hex");
  const metrics = isObject(manifest.metrics)
    ? { ...manifest.metrics, newLabels: renameKey(manifest.metrics.newLabels, from, to) }
    : manifest.metrics;
  return {
    ...manifest,
    labels: { ...labels, names, sha256 },
    segmentDefaults: renameKey(manifest.segmentDefaults, from, to),
    ...(metrics === undefined ? {} : { metrics }),
  };
}

/** ModelVersion.metrics and .examples: the new labels' held-out figures and the list of them. */
export function renameInVersionStats(o: { metrics: unknown; examples: unknown }, from: string, to: string) {
  const metrics = isObject(o.metrics)
    ? { ...o.metrics, newLabels: renameKey(o.metrics.newLabels, from, to) }
    : o.metrics;
  const examples =
    isObject(o.examples) && Array.isArray(o.examples.newLabels)
      ? { ...o.examples, newLabels: renameIn(o.examples.newLabels as string[], from, to) }
      : o.examples;
  return { metrics, examples };
}

/** A score file (lib/analysis/scores.ts) or a live grid: `labels` and the `scores` record. */
export function renameInScores<T extends { labels: string[]; scores?: Json }>(
  file: T,
  from: string,
  to: string,
): T {
  return {
    ...file,
    labels: renameIn(file.labels, from, to),
    ...(file.scores ? { scores: renameKey(file.scores, from, to) } : {}),
  };
}
