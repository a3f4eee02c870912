import { z } from "zod";
import type { TJobStatus } from "./job-status";

// Shared by the live routes, lib/live/service.ts and the "Add live source" form.
export const ZLiveCreate = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the playlist URL")
    .refine(
      (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
      "Enter an http(s) URL of an HLS playlist (.m3u8)",
    ),
  title: z.string().trim().min(1, "Title cannot be empty").max(200, "Title is too long"),
});
export type TLiveCreate = z.infer<typeof ZLiveCreate>;

export const ZLiveStatus = z.enum(["starting", "following", "stalled", "ended", "stopped", "failed"]);
export type TLiveStatus = z.infer<typeof ZLiveStatus>;
export const liveIsActive = (s: TLiveStatus) => s === "starting" || s === "following" || s === "stalled";

// What a tick stores per segment: only the windows that became complete with that segment.
export const ZSegmentScores = z.object({
  windows: z.array(z.number().int().nonnegative()),
  scores: z.record(z.string(), z.array(z.number())),
});
export type TSegmentScores = z.infer<typeof ZSegmentScores>;

// Snapshotted on a source's first tick (LiveSource.params): a model swap mid-match must not change the
// window grid or the thresholds, and the web side reads the grid without loading model files.
export const ZLiveParams = z.object({
  grid: z.object({
    labels: z.array(z.string()),
    rate: z.number().positive(),
    windowFrames: z.number().int().positive(),
    strideFrames: z.number().int().positive(),
  }),
  segments: z.record(
    z.string(),
    z.object({
      enter: z.number(),
      exit: z.number(),
      minLengthS: z.number(),
      mergeGapS: z.number(),
      preRollS: z.number(),
      postRollS: z.number(),
    }),
  ),
});
export type TLiveParams = z.infer<typeof ZLiveParams>;

export interface TLiveSourceDto {
  id: string;
  title: string;
  url: string;
  variant: string | null;
  status: TLiveStatus;
  error: string | null;
  stopRequested: boolean;
  targetDurationS: number | null;
  streamTimeS: number;
  recordedSegments: number;
  gaps: number;
  highlights: number;
  videoId: string | null;
  recordingError: string | null;
  owner: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface TLiveHighlightDto {
  id: string;
  label: string;
  startS: number;
  endS: number;
  peak: number;
  mean: number;
  clipStatus: "pending" | "ready" | "failed";
  clipUrl: string | null;
  clipError: string | null;
  /** while the clip is pending: waiting for a worker (with its place) or being cut */
  clipJob: TJobStatus | null;
}

export interface TLiveDetailDto extends TLiveSourceDto {
  timeline: {
    labels: string[];
    rate: number;
    windowFrames: number;
    strideFrames: number;
    windows: number[];
    scores: Record<string, number[]>;
  } | null;
  gapRanges: { startS: number; endS: number; error: string | null }[];
  discontinuities: number[];
  /** issue #14: which model scored the stream from when (a version activated mid-match starts a run) */
  scoredBy: { startS: number; version: string | null }[];
  highlights: number;
  detections: TLiveHighlightDto[];
  // segments whose end has not been seen yet: they may still grow or merge
  pending: { label: string; startS: number; endS: number; peak: number }[];
}
