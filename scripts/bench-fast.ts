// `npm run bench -- --minutes N`'s part for issue #28: full and fast analysis of a real-footage match with
// kicks at known times (bench-match.ts), and which kicks each mode's highlights find.
import type { LoadedModel } from "@/lib/model";
import { deriveAllSegments, type Segment } from "@/lib/highlights/segments";
import { env } from "@/lib/platform/env";
import { analyze, mergeTimelines, toTracks } from "@/worker/analysis/pipeline";
import { planChunks } from "@/worker/analysis/plan";
import { fastAnalyze, fastSegments, type FastResult } from "@/worker/analysis/fast";
import { coverage, type TCandidateModel } from "@/worker/analysis/candidates";
import type { BenchMatch } from "./bench-match";

export async function fullAnalysis(file: string, model: LoadedModel, durationS: number) {
  const m = model.manifest;
  const t0 = performance.now();
  const timelines = [];
  for (const c of planChunks(durationS, m.sampleRate, m.window.frames, env().ANALYZE_CHUNK_S)) {
    const r = await analyze({ input: file, model, startS: c.startS, durationS: c.durationS });
    timelines.push(r.timeline);
  }
  const seconds = (performance.now() - t0) / 1000;
  const timeline = mergeTimelines(timelines);
  const segments = deriveAllSegments(toTracks(timeline), m.segmentDefaults, durationS);
  return { seconds, segments };
}

export async function fastAnalysis(
  file: string,
  model: LoadedModel,
  candidate: TCandidateModel,
  durationS: number,
) {
  const t0 = performance.now();
  const r: FastResult = await fastAnalyze({ input: file, model, candidate, durationS });
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    segments: fastSegments(r, model.manifest.segmentDefaults, durationS),
    coarseFrames: r.coarse.timesS.length,
    sampler: r.coarse.sampler,
    regions: r.regions.length,
    coverage: coverage(r.regions, durationS),
    result: r,
  };
}

// Same rule as the evaluation (models/tools/cv-judge.ts): a highlight finds a kick when they overlap
// and its middle is within 4 s of the kick; one highlight finds one kick.
export function judge(kicks: BenchMatch["kicks"], segments: readonly Segment[]) {
  const used = new Set<number>();
  const found = kicks.map((k) => {
    const i = segments.findIndex(
      (s, j) =>
        !used.has(j) &&
        s.start < k.endS &&
        s.end > k.startS &&
        Math.abs((s.start + s.end) / 2 - (k.startS + k.endS) / 2) <= 4 + (k.endS - k.startS) / 2,
    );
    if (i >= 0) used.add(i);
    return i >= 0 ? segments[i]! : null;
  });
  return { found, falseHighlights: segments.length - used.size };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const fmtKicks = (kicks: BenchMatch["kicks"], found: (Segment | null)[]) =>
  kicks
    .map(
      (k, i) =>
        `${k.startS.toFixed(0)} s ${found[i] ? `found (${found[i]!.start.toFixed(1)}–${found[i]!.end.toFixed(1)})` : "MISSED"}`,
    )
    .join("; ");

/** (a) bare full decode, (b) full analysis, (d) fast analysis, alternating, `rounds` times. */
export async function matchBench(
  match: BenchMatch,
  model: LoadedModel,
  candidate: TCandidateModel,
  rounds: number,
  bareDecode: () => Promise<number>,
) {
  const { file, durationS } = match;
  console.log(
    `match: ${file} (${(durationS / 60).toFixed(1)} min, ${match.kicks.length} kicks at known times)`,
  );
  const a: number[] = [];
  const b: number[] = [];
  const d: number[] = [];
  let full: Awaited<ReturnType<typeof fullAnalysis>> | undefined;
  let fast: Awaited<ReturnType<typeof fastAnalysis>> | undefined;
  const rss: Record<string, number> = {};
  const peak = () => process.resourceUsage().maxRSS / 1024;
  for (let i = 1; i <= rounds; i++) {
    a.push(await bareDecode());
    full = await fullAnalysis(file, model, durationS);
    b.push(full.seconds);
    rss.full = peak();
    fast = await fastAnalysis(file, model, candidate, durationS);
    d.push(fast.seconds);
    rss.fast = peak();
    console.log(
      `round ${i}/${rounds}: (a) bare full decode ${a.at(-1)!.toFixed(1)} s, (b) full analysis ${full.seconds.toFixed(1)} s, (d) fast analysis ${fast.seconds.toFixed(1)} s (${fast.coarseFrames} coarse frames by ${fast.sampler}, ${fast.regions} regions, ${(100 * fast.coverage).toFixed(1)} % of the match)`,
    );
  }
  const [A, B, D] = [median(a), median(b), median(d)];
  const jf = judge(match.kicks, full!.segments);
  const jq = judge(match.kicks, fast!.segments);
  console.log(`(a) bare full decode: ${A.toFixed(1)} s (median of ${rounds})`);
  console.log(`(b) full analysis:    ${B.toFixed(1)} s = ${(B / A).toFixed(3)} × (a)`);
  console.log(`(d) fast analysis:    ${D.toFixed(1)} s = ${(D / A).toFixed(3)} × (a)   (issue #28: ≤ 0.3)`);
  console.log(
    `full: ${jf.found.filter(Boolean).length}/${match.kicks.length} kicks, ${jf.falseHighlights} other highlights: ${fmtKicks(match.kicks, jf.found)}`,
  );
  console.log(
    `fast: ${jq.found.filter(Boolean).length}/${match.kicks.length} kicks, ${jq.falseHighlights} other highlights: ${fmtKicks(match.kicks, jq.found)}`,
  );
  const { timesS, scores } = fast!.result.coarse;
  const logit = (p: number) => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));
  for (const k of match.kicks) {
    const near = timesS.flatMap((t, i) => (t >= k.startS - 1 && t <= k.endS + 1 ? [scores[i]!] : []));
    const best = near.length ? Math.max(...near) : NaN;
    console.log(
      `  kick at ${k.startS.toFixed(1)} s: ${near.length} coarse frame(s) within 1 s, best candidate score ${best.toFixed(3)}, margin ${(logit(best) - logit(candidate.threshold)).toFixed(2)} logit to the threshold ${candidate.threshold}`,
    );
  }
  console.log(
    `peak RSS of this node process (ffmpeg children not included): ${rss.full!.toFixed(0)} MB after full, ${rss.fast!.toFixed(0)} MB after fast (a running maximum)`,
  );
  return {
    minutes: +(durationS / 60).toFixed(2),
    bare_decode_s: +A.toFixed(2),
    full_s: +B.toFixed(2),
    fast_s: +D.toFixed(2),
    full_ratio: +(B / A).toFixed(3),
    fast_ratio: +(D / A).toFixed(3),
    fast_coverage: +fast!.coverage.toFixed(4),
    fast_regions: fast!.regions,
    coarse_sampler: fast!.sampler,
    kicks: match.kicks.length,
    full_found: jf.found.filter(Boolean).length,
    fast_found: jq.found.filter(Boolean).length,
    full_false: jf.falseHighlights,
    fast_false: jq.falseHighlights,
    peak_rss_mb: +Math.max(rss.full!, rss.fast!).toFixed(0),
    rounds,
  };
}
