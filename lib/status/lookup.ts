import { childLogger } from "@/lib/platform/logger";
import type { JobName } from "../pipeline/graph";
import { jobIdOf } from "../pipeline/enqueue";
import { jobStatuses } from "../queue";
import { WAITING_UNKNOWN, type TJobStatus } from "../schemas/job-status";

let lastWarning = 0;

/**
 * The status of work a row says is on its way (a clip "cutting", a reel being built), by job id. A job
 * BullMQ does not hold yet (still in the outbox) or a Redis that is slow or away gives "waiting"
 * without a position: a status poll never fails or hangs for want of a queue position.
 */
export async function pendingStatuses(name: JobName, ids: string[]): Promise<Map<string, TJobStatus>> {
  let found = new Map<string, TJobStatus | null>();
  try {
    found = await jobStatuses(name, ids);
  } catch (err) {
    if (Date.now() - lastWarning > 10_000) {
      lastWarning = Date.now();
      childLogger({ job: name }).warn({ err: (err as Error).message }, "queue positions unavailable");
    }
  }
  return new Map(ids.map((id) => [id, found.get(id) ?? WAITING_UNKNOWN]));
}

export async function pendingStatus(name: JobName, id: string): Promise<TJobStatus> {
  return (await pendingStatuses(name, [id])).get(id)!;
}

/** The graph's id of a clip cut, for pendingStatuses("cut-clip", …). */
export const cutJobId = (highlightId: string, revision: number) =>
  jobIdOf("cut-clip", { highlightId, revision });
