import { z } from "zod";
import type { TScoreFile } from "../analysis/scores";
import { ZSegmentParams, type TSegmentParams } from "../model/manifest";
import type { THighlightsDto } from "./highlights";

// Issue #6: the review room. Browser-safe (zod + types only).

const ZLabel = z.string().min(1).max(64);

/** Apply: per-class segment parameters the editor previewed with the sliders. */
export const ZSegmentsApply = z
  .object({ params: z.record(ZLabel, ZSegmentParams) })
  .strict()
  .refine((b) => Object.keys(b.params).length > 0, "Give parameters for at least one class");
export type TSegmentsApply = z.infer<typeof ZSegmentsApply>;

const time = z.number().finite().min(0, "Times cannot be negative");
export const ZHighlightCreate = z
  .object({ label: ZLabel, startS: time, endS: time })
  .strict()
  .refine((h) => h.endS > h.startS, { message: "The end must be after the start", path: ["endS"] });
export type THighlightCreate = z.infer<typeof ZHighlightCreate>;

export interface TWaveform {
  rate: number;
  peaks: number[];
}

/** Everything the review page needs, in one request. */
export interface TReviewDto {
  video: {
    id: string;
    title: string;
    status: "queued" | "processing" | "ready" | "failed";
    /** why it failed (worker's words; the page explains them, components/videos/failure.ts) */
    error: string | null;
    /** the part the analysis could not decode, in words (lib/analysis/coverage.ts) */
    warning: string | null;
    durationS: number;
    fps: number;
    width: number | null;
    height: number | null;
    /** false: the file has no audio track, so no waveform will come; null: not probed yet */
    hasAudio: boolean | null;
  };
  /**
   * What the player plays: the source where the browser plays it well, else the proxy's pieces made so
   * far (an HLS playlist), else the source until the first piece exists.
   */
  media: {
    url: string;
    kind: "proxy" | "source";
    type: "video/mp4" | "video/webm" | "application/x-mpegURL";
  };
  /**
   * Issue #25: decided at probe, in words ("plays the original", "proxy: AVI container"), and for a
   * proxy how many of its pieces exist; null for videos probed before.
   */
  playback: {
    mode: "source" | "remux" | "proxy";
    reason: string;
    pieces: number | null;
    piecesDone: number;
  } | null;
  proxyError: string | null;
  filmstripVttUrl: string | null;
  analysisId: string | null;
  modelId: string | null;
  /** the model version whose scores these are (a retrained one after an activation re-scored them) */
  modelVersion: string | null;
  scores: TScoreFile | null;
  shots: number[];
  waveform: TWaveform | null;
  /** Time ranges the current analysis could not decode: drawn on the timeline as "not analysed". */
  unanalysed: { startS: number; endS: number }[];
  /** What the current highlights were derived with, and the model's defaults (for "Reset"). */
  params: Record<string, TSegmentParams>;
  defaults: Record<string, TSegmentParams>;
  highlights: THighlightsDto;
}

export interface TSegmentsApplied {
  created: number;
  removed: number;
  kept: number;
  highlights: THighlightsDto;
}
