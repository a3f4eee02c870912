import { db } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobName } from "@/lib/pipeline/graph";
import { stageNext, type NextEntry } from "@/lib/pipeline/enqueue";
import { dispatchSoon } from "@/lib/pipeline/outbox";
import type { Committed } from "./jobs/types";

/**
 * What a handler (or its onFailed) returned, with its `next` jobs staged: each checked against the
 * graph and written to the outbox in one transaction, then dispatched (lib/pipeline/outbox.ts). Returns
 * the rest, which BullMQ keeps as the job's return value. Deterministic job ids make a retried job's
 * follow-ups the same jobs, never two.
 */
export async function followUp(from: JobName, outcome: unknown): Promise<unknown> {
  if (typeof outcome !== "object" || outcome === null || !("next" in outcome)) return outcome;
  const { next, ...rest } = outcome as { next: unknown };
  if (!Array.isArray(next) || !next.every(isEntry))
    throw new Error(`job "${from}" returned a "next" that is not a list of { job, data }`);
  if (next.length > 0) {
    await db().$transaction((tx) => stageNext(tx, from, next));
    await dispatchSoon();
  }
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** JobContext.commit for a job of kind `from`. */
export function committer(from: JobName) {
  return async <T extends Committed<JobName>>(
    change: (tx: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T> => {
    const out = await db().$transaction(async (tx) => {
      const result = await change(tx);
      if (result && result.next?.length) await stageNext(tx, from, result.next);
      return result;
    });
    if (out && out.next?.length) await dispatchSoon();
    return out;
  };
}

const isEntry = (e: unknown): e is NextEntry =>
  typeof e === "object" && e !== null && typeof (e as NextEntry).job === "string" && "data" in e;
