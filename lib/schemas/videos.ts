import { z } from "zod";
import type { TJobStatus } from "./job-status";

export const ZVideoStatus = z.enum(["queued", "processing", "ready", "failed"]);
export type TVideoStatus = z.infer<typeof ZVideoStatus>;

export const ZVideoPatch = z.object({
  title: z.string().trim().min(1, "Title cannot be empty").max(200, "Title is too long"),
});
export type TVideoPatch = z.infer<typeof ZVideoPatch>;

export interface TVideoDto {
  id: string;
  title: string;
  originalName: string;
  size: number;
  status: TVideoStatus;
  stage: string | null;
  progress: number;
  /** from the rate measured while it ran; null until measured or while stalled */
  etaSeconds: number | null;
  /** while queued or processing: waiting for a worker (with its place) or running (issues #24, #25) */
  job: TJobStatus | null;
  error: string | null;
  /** a ready video whose analysis could not decode part of it: "frames after 0:03 could not be decoded" */
  warning: string | null;
  durationS: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  posterUrl: string | null;
  owner: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

export interface TVideoDetailDto extends TVideoDto {
  sourceUrl: string;
}
