import { nodeOf, type JobName, type JobPayload } from "../pipeline/graph";

/** BullMQ rejects ':' in custom ids (its key separator): `${videoId}:probe` becomes `${videoId}_probe`. */
export const safeJobId = (id: string) => id.replaceAll(":", "_");

/** A job kind's retry policy (lib/pipeline/graph.ts) as BullMQ job options. */
export function retryOptions(name: JobName) {
  const retry = nodeOf(name).retry;
  return { attempts: retry.attempts, backoff: { type: "exponential", delay: retry.backoffMs } };
}

/** BullMQ options that put a job kind in the shared CPU queue with its priority (none for light kinds). */
export function slotOptions<N extends JobName>(name: N, payload: JobPayload<N>): { priority?: number } {
  const cpu = nodeOf(name).cpu as { priority(p: JobPayload<N>): number } | null;
  return cpu ? { priority: cpu.priority(payload) } : {};
}
