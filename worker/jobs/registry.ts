import { jobSchemas, type JobName } from "../../lib/schemas/jobs";
import { analyzeJob } from "./analyze";
import { analyzeChunkJob } from "./analyze-chunk";
import { analyzeFinalizeJob } from "./analyze-finalize";
import { probeJob } from "./probe";
import type { JobDefinition } from "./types";

export const jobs = [probeJob, analyzeJob, analyzeChunkJob, analyzeFinalizeJob] as unknown as JobDefinition[];

/** The worker refuses to boot if a job name in lib/schemas/jobs.ts has no handler here. */
export function assertRegistryComplete(list: JobDefinition[] = jobs): void {
  const have = new Set(list.map((j) => j.name));
  const missing = (Object.keys(jobSchemas) as JobName[]).filter((n) => !have.has(n));
  if (missing.length > 0) throw new Error(`No handler registered for job(s): ${missing.join(", ")}`);
}
