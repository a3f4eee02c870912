import { jobRetry, type JobName } from "../schemas/jobs";

/** BullMQ rejects ':' in custom ids (its key separator): `${videoId}:probe` becomes `${videoId}_probe`. */
export const safeJobId = (id: string) => id.replaceAll(":", "_");

/** A job kind's retry policy (lib/schemas/jobs.ts) as BullMQ job options. */
export function retryOptions(name: JobName) {
  const retry = jobRetry[name];
  return { attempts: retry.attempts, backoff: { type: "exponential", delay: retry.backoffMs } };
}
