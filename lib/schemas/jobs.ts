import { z } from "zod";

// Job payloads carry ids only; handlers reload state. The same schema parses at enqueue and at run time.
export const ZProbeJob = z.object({ videoId: z.uuid() });
export type TProbeJob = z.infer<typeof ZProbeJob>;

export const ZAnalyzeJob = z.object({ videoId: z.uuid(), modelId: z.string().min(1).optional() });
export type TAnalyzeJob = z.infer<typeof ZAnalyzeJob>;

export const ZAnalyzeChunkJob = z.object({ analysisId: z.uuid(), index: z.number().int().nonnegative() });
export type TAnalyzeChunkJob = z.infer<typeof ZAnalyzeChunkJob>;

export const ZAnalyzeFinalizeJob = z.object({ analysisId: z.uuid() });
export type TAnalyzeFinalizeJob = z.infer<typeof ZAnalyzeFinalizeJob>;

export const jobSchemas = {
  probe: ZProbeJob,
  analyze: ZAnalyzeJob,
  "analyze-chunk": ZAnalyzeChunkJob,
  "analyze-finalize": ZAnalyzeFinalizeJob,
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

/**
 * Retry policy per job, applied when the job is enqueued (BullMQ sets attempts at add time) and read by
 * the job's definition in worker/jobs/, so both sides agree.
 */
export const jobRetry: Record<JobName, { attempts: number; backoffMs: number }> = {
  probe: { attempts: 3, backoffMs: 5_000 },
  analyze: { attempts: 3, backoffMs: 5_000 },
  "analyze-chunk": { attempts: 3, backoffMs: 10_000 },
  "analyze-finalize": { attempts: 3, backoffMs: 10_000 },
};
