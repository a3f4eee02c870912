import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { windowTargets, type LabelledInterval } from "@/lib/learn/windows";
import type { LabelledVideo } from "@/lib/learn/labelled";
import type { LoadedModel } from "@/lib/model";
import { getObjectBytes } from "@/lib/platform/storage";

/**
 * Split by video, never by window: videos in the order of sha256(id) (stable as videos are added), the
 * first third (at least one) held out. Needs two videos; the caller says so when there are fewer.
 * Each label in `spread` (a new label, on at least two videos) must be on both sides — on the training
 * side to be learnt, on the held-out side to be checked: where one side lacks it, the first video (in
 * the same order) with it moves across from the other side. The move looks only at which videos have
 * the label, never at how a head does on them.
 */
export function splitByVideo<V extends { videoId: string; intervals?: readonly LabelledInterval[] }>(
  videos: readonly V[],
  spread: readonly string[] = [],
): { train: V[]; heldOut: V[] } {
  const order = [...videos].sort((a, b) => hash(a.videoId).localeCompare(hash(b.videoId)));
  const n = Math.max(1, Math.round(order.length / 3));
  const heldOut = order.slice(0, n);
  const train = order.slice(n);
  const has = (v: V, label: string) =>
    (v.intervals ?? []).some((i) => i.kind === "positive" && i.label === label);
  const move = (from: V[], to: V[], label: string) => {
    const withIt = from.filter((v) => has(v, label));
    if (withIt.length < 2 || from.length < 2) return;
    from.splice(from.indexOf(withIt[0]!), 1);
    to.push(withIt[0]!);
  };
  for (const label of spread) {
    if (!heldOut.some((v) => has(v, label))) move(train, heldOut, label);
    if (!train.some((v) => has(v, label))) move(heldOut, train, label);
  }
  return { heldOut, train };
}

export const hash = (s: string) => createHash("sha256").update(s).digest("hex");

/** sha256 over what the head learns from: each video's analysis and labels, and the parent version. */
export function fingerprintOf(videos: readonly LabelledVideo[], parent: string): string {
  const h = createHash("sha256").update(`${parent}\n`);
  for (const v of [...videos].sort((a, b) => a.videoId.localeCompare(b.videoId))) {
    const labels = [...v.intervals].map((i) => `${i.label}:${i.kind}:${i.startS}:${i.endS}`).sort();
    h.update(`${v.videoId}|${v.analysisId}|${v.reviewComplete}|${labels.join(",")}\n`);
  }
  return h.digest("hex");
}

/**
 * The windows file train.py --windows reads (models/tools/finetune.py): per video its cached features
 * as they are stored (float16: no decode here, half the disk and the trainer's memory of float32; the
 * trainer widens each batch exactly), and the labelled windows of the product grid as [video, first
 * frame, label index].
 */
export async function writeWindows(
  dir: string,
  videos: readonly LabelledVideo[],
  model: LoadedModel,
  onVideo?: (done: number, of: number) => void,
) {
  await mkdir(dir, { recursive: true });
  const m = model.manifest;
  const dim = m.backbone.featureDim;
  const grid = { frames: m.window.frames, stride: m.window.stride, rate: m.sampleRate };
  const train: [number, number, number][] = [];
  const files = [];
  for (const [i, v] of videos.entries()) {
    onVideo?.(i, videos.length);
    const halves = await getObjectBytes(v.featuresKey);
    const frames = halves.byteLength / 2 / dim;
    const file = `v${i}.f16`;
    await writeFile(path.join(dir, file), halves);
    files.push({ id: v.videoId, file, frames });
    windowTargets(frames, grid, model.labels, v.intervals, v.reviewComplete).forEach((t, w) => {
      if (t >= 0) train.push([i, w * grid.stride, t]);
    });
  }
  const index = { T: grid.frames, dim, dtype: "float16", labels: model.labels, videos: files, train };
  await writeFile(path.join(dir, "index.json"), JSON.stringify(index));
  return {
    positive: train.filter((t) => t[2] > 0).length,
    background: train.filter((t) => t[2] === 0).length,
  };
}
