import { ZKickResult } from "./brand";
import { z } from "zod";
import { ZExportFormat } from "../exports";
import type { TJobStatus } from "./job-status";
import type { TAspect, TCropAspect } from "../reframe/aspect";
import type { TAutoPath, TCropKey } from "../reframe/path";
import type { TAspectState } from "../reframe/service";

export const ZHighlightStatus = z.enum(["suggested", "accepted", "rejected", "edited"]);
export type THighlightStatus = z.infer<typeof ZHighlightStatus>;

const time = z.number().finite().min(0, "Times cannot be negative");

export const HIGHLIGHT_NAME_MAX = 80;
export const HIGHLIGHT_NOTE_MAX = 500;
// Blank means "no name / no note" (the exports then say "Penalty 2"): stored as null.
const blankToNull = (s: string | null) => (s === null || s.trim() === "" ? null : s.trim());
const ZName = z
  .string()
  .max(HIGHLIGHT_NAME_MAX, `A name is at most ${HIGHLIGHT_NAME_MAX} characters`)
  .nullable()
  .transform(blankToNull);
const ZNote = z
  .string()
  .max(HIGHLIGHT_NOTE_MAX, `A note is at most ${HIGHLIGHT_NOTE_MAX} characters`)
  .nullable()
  .transform(blankToNull);

export const ZHighlightPatch = z
  .object({
    startS: time.optional(),
    endS: time.optional(),
    status: ZHighlightStatus.optional(),
    name: ZName.optional(),
    note: ZNote.optional(),
    // issue #29: a shoot-out kick's outcome as the editor saw it; null clears it
    kick: ZKickResult.nullable().optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), "Nothing to change")
  .refine((p) => p.startS === undefined || p.endS === undefined || p.endS > p.startS, {
    message: "The end must be after the start",
    path: ["endS"],
  });
export type THighlightPatch = z.input<typeof ZHighlightPatch>;

export const ZExportQuery = z.object({ format: ZExportFormat });

/** POST /api/videos/:id/reel: a reel of one label's highlights; no label (or null) takes every label. */
export const ZReelRequest = z
  .object({
    label: z.string().trim().min(1, "Name a label, or leave it out for every label").max(64).nullish(),
    // issue #29: with the instance brand (logo, cards, lower-thirds); the shoot-out's kicks in order
    brand: z.boolean().optional(),
    shootout: z.boolean().optional(),
  })
  .strict();
export type TReelRequest = z.infer<typeof ZReelRequest>;

export type TClipStatus = "none" | "cutting" | "ready" | "failed";

export interface THighlightDto {
  id: string;
  label: string;
  /** the editor's name for it (issue #24), null: none given */
  name: string | null;
  note: string | null;
  status: THighlightStatus;
  startS: number;
  endS: number;
  peak: number;
  mean: number;
  revision: number;
  clipStatus: TClipStatus;
  /** true while the stored clip was cut for older boundaries (a re-cut is on its way) */
  clipStale: boolean;
  clipError: string | null;
  /** while a cut is on its way: waiting for a worker (with its place) or running */
  clipJob: TJobStatus | null;
  clipUrl: string | null;
  posterUrl: string | null;
  downloadName: string;
  /** issue #29: the crop path (automatic path per source frame, the editor's keyframes and lock) */
  crop: { auto: TAutoPath | null; keys: TCropKey[]; locked: boolean; revision: number };
  /** issue #29: the clip in each cropped aspect, made on request */
  aspects: Record<TCropAspect, TAspectDto>;
  /** issue #29: the clip with the instance brand (logo, lower-third) in each aspect, made on request */
  brandedAspects: Record<TAspect, TAspectDto>;
  /** issue #29: the editor's tag on a shoot-out kick, and its place (null: not in a shoot-out) */
  kick: "scored" | "missed" | null;
  kickNumber: { shootout: number; kick: number } | null;
}

export interface TAspectDto {
  state: TAspectState;
  url: string | null;
  error: string | null;
  downloadName: string;
}

export interface THighlightsDto {
  videoId: string;
  analysisId: string | null;
  highlights: THighlightDto[];
}

export interface TReelDto {
  status: TClipStatus;
  progress: number;
  /** while a build is on its way: waiting for a worker (with its place) or running */
  job: TJobStatus | null;
  error: string | null;
  url: string | null;
  downloadName: string;
  builtAt: string | null;
  /** the label the stored reel holds; null: every label (or no reel yet) */
  label: string | null;
  /** the label `rule` and `count` are for (GET ?label=); null: every label */
  forLabel: string | null;
  /** what a build now would use: "accepted", or "not-rejected" while nothing is accepted */
  rule: "accepted" | "not-rejected";
  count: number;
  /** issue #29: whether the stored reel carries the brand, and whether it is the shoot-out reel */
  branded: boolean;
  shootout: boolean;
  /** the kicks of the video's first shoot-out (0: none found) */
  shootoutKicks: number;
}
