import { z } from "zod";
import type { HeldOutMetrics } from "../learn/verdict";
import type { TJobStatus } from "./job-status";

// Issue #14: model versions made by retraining. Browser-safe (zod + types only).

/** null rolls back to the installed model files. */
export const ZActivateVersion = z.object({ versionId: z.uuid().nullable() }).strict();
export type TActivateVersion = z.infer<typeof ZActivateVersion>;

export interface TModelVersionDto {
  id: string;
  version: string;
  parentVersion: string;
  status: "queued" | "training" | "ready" | "refused" | "failed";
  active: boolean;
  stage: string | null;
  progress: number;
  /** while queued or training (in the list): waiting for a worker (with its place) or running */
  job?: TJobStatus | null;
  /** a plain reason a run failed; errorDetail: the trainer's last output lines */
  error: string | null;
  errorDetail: string | null;
  verdict: string | null;
  /** held-out videos: this version, and the model it was trained from on the same videos */
  heldOut: HeldOutMetrics | null;
  parentHeldOut: HeldOutMetrics | null;
  /** labels editors taught that this version learnt, each with its own held-out numbers (no baseline) */
  newLabels: Record<string, HeldOutMetrics>;
  examples: {
    /** taught labels learnt, and a sentence per taught label left out (too few examples) */
    newLabels?: string[];
    leftOut?: string[];
    labels: number;
    videos: { train: number; heldOut: number };
    windows: { positive: number; background: number };
  } | null;
  fingerprint: string | null;
  trainSeconds: number | null;
  createdAt: string;
  completedAt: string | null;
  activatedAt: string | null;
}

export interface TModelVersionsDto {
  modelId: string;
  installedVersion: string;
  /** the version serving new analyses and re-scores; null: the installed files */
  activeId: string | null;
  /** queued, training and ready versions */
  versions: TModelVersionDto[];
  /** runs that gave no version: refused (held-out check) or failed, each with its reason */
  attempts: TModelVersionDto[];
  /** whether a worker's Python can train (issue #30), said before a run starts */
  trainer: { state: "ok" | "missing" | "unknown"; message: string | null };
  /** the retrain job's rule on the labels as they are now */
  readiness: { ready: boolean; message: string; leftOut: string[] };
}

export interface TActivated {
  activeId: string | null;
  version: string;
  /** videos whose current analysis is being re-scored from cached features */
  rescoring: number;
}
