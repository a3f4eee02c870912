import { nodeOf, type JobName } from "../pipeline/graph";

/** BullMQ rejects ':' in custom ids (its key separator): `${videoId}:probe` becomes `${videoId}_probe`. */
export const safeJobId = (id: string) => id.replaceAll(":", "_");

/** A job kind's retry policy (lib/pipeline/graph.ts) as BullMQ job options. */
export function retryOptions(name: JobName) {
  const retry = nodeOf(name).retry;
  return { attempts: retry.attempts, backoff: { type: "exponential", delay: retry.backoffMs } };
}
