import { readFileSync } from "node:fs";
import { deriveAllSegments } from "@/lib/highlights/segments";
import { metricsOf, type HeldOutMetrics } from "@/lib/learn/verdict";
import { compareWithLabels, sumCounts, windowTargets, type HeldOutCounts } from "@/lib/learn/windows";
import type { LoadedModel } from "@/lib/model";
import { scoreFeatures, toTracks, type ScoreTimeline } from "../analysis/pipeline";
import { scoreWindows } from "../inference/head";
import type { LabelledVideo } from "@/lib/learn/labelled";

/** A head to judge, on some of its labels (see evaluateHeldOut). */
export interface HeldOutJudging {
  model: LoadedModel;
  /**
   * Judge the head on some of its labels: a prefix of its label list (the window targets, as a model
   * with just those labels would see them) and the labels whose events are counted; the window
   * log-loss then covers background windows and those labels' windows. Default: all of them.
   */
  only?: { labels: readonly string[]; events: readonly string[] };
}

/**
 * Heads on held-out labelled videos, through the product's own path: cached features → windows →
 * head → calibration → segments.ts with the model's default parameters. Highlights are matched with
 * the labels (lib/learn/windows.ts); the window log-loss uses the same calibrated scores. One video's
 * features are in memory at a time, and each model scores a video once however many judgings use it.
 */
export async function evaluateHeldOut(
  judgings: readonly HeldOutJudging[],
  videos: readonly LabelledVideo[],
  featuresOf: (v: LabelledVideo) => Promise<Float32Array>,
  onVideo?: (done: number, of: number) => void,
): Promise<HeldOutMetrics[]> {
  const acc = judgings.map(() => ({ counts: [] as HeldOutCounts[], sum: 0, n: 0 }));
  for (const [i, v] of videos.entries()) {
    onVideo?.(i, videos.length);
    const features = await featuresOf(v);
    const timelines = new Map<LoadedModel, ScoreTimeline>();
    for (const [j, { model, only }] of judgings.entries()) {
      const m = model.manifest;
      const dim = m.backbone.featureDim;
      const count = features.length / dim;
      let t = timelines.get(model);
      if (!t)
        timelines.set(model, (t = await scoreFeatures(model, { firstFrame: 0, count, features }, true)));
      const labels = only?.labels ?? model.labels;
      const events = only?.events ?? Object.keys(m.segmentDefaults);
      const counted = new Set([0, ...events.map((l) => labels.indexOf(l))]);
      const segments = deriveAllSegments(toTracks(t), m.segmentDefaults, v.durationS);
      for (const label of events)
        acc[j]!.counts.push(compareWithLabels(segments, v.intervals, label, v.reviewComplete, v.durationS));
      const grid = { frames: m.window.frames, stride: m.window.stride, rate: m.sampleRate };
      const C = model.labels.length;
      windowTargets(count, grid, labels, v.intervals, v.reviewComplete).forEach((target, w) => {
        if (target < 0 || !counted.has(target) || w >= t.windows.length) return;
        acc[j]!.sum -= Math.log(Math.max(1e-6, t.scores[w * C + target]!));
        acc[j]!.n++;
      });
    }
  }
  return acc.map((a) => metricsOf(sumCounts(a.counts), { sum: a.sum, n: a.n }));
}

/** The largest difference between a head in onnxruntime and the trainer's PyTorch outputs in `parityFile`. */
export async function parityDiff(
  model: LoadedModel,
  parityFile: string,
): Promise<{ maxDiff: number; rows: number; batch: number }> {
  const fixture = JSON.parse(readFileSync(parityFile, "utf8")) as { shape: number[]; probs: number[][] };
  const [B, T, D] = fixture.shape as [number, number, number];
  // models/tools/train.py parity_input: (sin(0.37 i) + 1) * 1.5, float64 rounded to float32
  const x = Float32Array.from({ length: B * T * D }, (_, i) => (Math.sin(0.37 * i) + 1) * 1.5);
  const probs = await scoreWindows(model, x, B);
  const C = model.labels.length;
  let maxDiff = 0;
  fixture.probs.forEach((row, b) =>
    row.forEach((p, c) => (maxDiff = Math.max(maxDiff, Math.abs(p - probs[b * C + c]!)))),
  );
  return { maxDiff, rows: fixture.probs.length, batch: B };
}

/** The exported head in onnxruntime against the trainer's PyTorch outputs (≤ 1e-4), as serving runs it. */
export async function checkParity(model: LoadedModel, parityFile: string): Promise<number> {
  const { maxDiff } = await parityDiff(model, parityFile);
  if (!(maxDiff <= 1e-4))
    throw new Error(`the exported head differs from PyTorch by ${maxDiff.toExponential(2)} (> 1e-4)`);
  return maxDiff;
}
