import type { LoadedModel } from "@/lib/model";
import { deriveAllSegments, type Segment, type SegmentParams } from "@/lib/highlights/segments";
import type { TCandidateModel, Region } from "./candidates";
import { coarsePass, fineRegions, type CoarseResult } from "./coarse";
import { analyze, toTracks, type ScoreTimeline } from "./pipeline";

// Issue #28, fast mode in one process (the bench, the CLI, the evaluation): the coarse pass over the
// whole source, then today's 4-fps analysis only inside the padded candidate regions.

export interface FastResult {
  coarse: CoarseResult;
  regions: Region[];
  fine: { region: Region; timeline: ScoreTimeline }[];
}

export async function fastAnalyze(o: {
  input: string;
  model: LoadedModel;
  candidate: TCandidateModel;
  durationS: number;
  leadS?: number;
  codec?: string;
  signal?: AbortSignal;
}): Promise<FastResult> {
  const coarse = await coarsePass(o);
  const regions = fineRegions(coarse, o.model, o.candidate, o.durationS);
  const fine = [];
  for (const region of regions) {
    const r = await analyze({
      input: o.input,
      model: o.model,
      startS: region.startS,
      durationS: region.endS - region.startS,
      leadS: o.leadS,
      codec: o.codec,
      signal: o.signal,
    });
    fine.push({ region, timeline: r.timeline });
  }
  return { coarse, regions, fine };
}

/** Highlights come from the fine pass only, region by region (a run never spans two regions). */
export function fastSegments(
  r: FastResult,
  params: Readonly<Record<string, SegmentParams>>,
  durationS: number,
): Segment[] {
  return r.fine
    .flatMap((f) => deriveAllSegments(toTracks(f.timeline), params, durationS))
    .sort((a, b) => a.start - b.start);
}
