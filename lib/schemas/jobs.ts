import { z } from "zod";

// Job payloads carry ids only; handlers reload state. The same schema parses at enqueue and at run time.
export const ZProbeJob = z.object({ videoId: z.uuid() });
export type TProbeJob = z.infer<typeof ZProbeJob>;

export const jobSchemas = {
  probe: ZProbeJob,
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;
