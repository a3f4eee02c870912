// How far the backbone features of one sampler are from another's (issue #25): two feature indexes
// written by extract-features.ts (ANALYZE_SAMPLER=every, then reference), paired by file and variant,
// compared slot by slot. Prints the cosine distance per frame (1 − cos) over all paired clips.
// Usage: npx tsx models/tools/sampler-drift.ts OLD_INDEX.json NEW_INDEX.json [--features DIR]
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Entry } from "./extract-features";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { features: { type: "string", default: ".data/model-cache/features" } },
});
if (positionals.length !== 2) throw new Error("usage: sampler-drift.ts OLD_INDEX.json NEW_INDEX.json");
interface Index {
  dim: number;
  entries: Entry[];
}
const read = (f: string) => JSON.parse(readFileSync(f, "utf8")) as Index;
const [before, after] = positionals.map(read) as [Index, Index];
const key = (e: Entry) => `${e.path}|${e.variant}|${e.rate}`;
const afterBy = new Map(after.entries.map((e) => [key(e), e]));

function features(file: string): Float32Array {
  const buf = readFileSync(path.join(values.features!, file));
  return new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa && bb ? ab / Math.sqrt(aa * bb) : aa === bb ? 1 : 0;
}

const dim = before.dim;
const distances: number[] = [];
const perClip: { path: string; mean: number; frames: number }[] = [];
let countDiffers = 0;
let same = 0;
for (const e of before.entries.filter((x) => x.kind === "clip")) {
  const f = afterBy.get(key(e));
  if (!f) continue;
  const a = features(e.file);
  const b = features(f.file);
  if (a.length !== b.length) countDiffers++;
  const n = Math.min(a.length, b.length) / dim;
  const d: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = 1 - cosine(a.subarray(i * dim, (i + 1) * dim), b.subarray(i * dim, (i + 1) * dim));
    d.push(x);
    if (x < 1e-6) same++;
  }
  distances.push(...d);
  perClip.push({ path: e.path, mean: d.reduce((s, x) => s + x, 0) / Math.max(1, n), frames: n });
}
const sorted = [...distances].sort((x, y) => x - y);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const mean = distances.reduce((s, x) => s + x, 0) / Math.max(1, distances.length);
console.log(
  `clips: ${perClip.length} (${countDiffers} with another frame count), frames: ${distances.length}, identical: ${same}`,
);
console.log(
  `cosine distance per frame: mean ${mean.toFixed(4)}, median ${q(0.5).toFixed(4)}, p95 ${q(0.95).toFixed(4)}, max ${q(1).toFixed(4)}`,
);
for (const c of perClip.sort((x, y) => y.mean - x.mean).slice(0, 5))
  console.log(`  most drift: ${c.path} mean ${c.mean.toFixed(4)} over ${c.frames} frames`);
