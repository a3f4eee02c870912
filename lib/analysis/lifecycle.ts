import { db } from "@/lib/platform/db";
import type { AnalysisStatus, Prisma } from "../generated/prisma/client";
import { machine, TransitionError } from "../lifecycle/machine";

/**
 * The one place an Analysis's status changes: created running by the analyze job, complete when the
 * finaliser stitched it, failed when a job gave up or a delete or re-analysis stopped it.
 */
export const analysisTransitions = {
  queued: ["running", "failed"],
  running: ["complete", "failed"],
  // The finaliser's retries used up after its commit (a later step failed): its onFailed still marks it.
  complete: ["failed"],
  failed: ["failed"],
} as const satisfies Record<AnalysisStatus, readonly AnalysisStatus[]>;

const analyses = machine<AnalysisStatus>("analysis", analysisTransitions);

type Client = Pick<Prisma.TransactionClient, "analysis">;
type Fields = Omit<Prisma.AnalysisUpdateManyMutationInput, "status">;

function move(
  analysisId: string,
  to: AnalysisStatus,
  data: Fields,
  client: Client = db(),
  from?: AnalysisStatus[],
): Promise<boolean> {
  return analyses.move(
    analysisId,
    to,
    {
      set: async (allowed) =>
        (
          await client.analysis.updateMany({
            where: { id: analysisId, status: { in: allowed } },
            data: { ...data, status: to },
          })
        ).count,
      current: async () =>
        (await client.analysis.findUnique({ where: { id: analysisId }, select: { status: true } }))?.status ??
        null,
    },
    from,
  );
}

export const analysisLifecycle = {
  /** The analyze job starts one: it runs from its first breath (its chunks are queued with it). */
  started: (): { status: AnalysisStatus } => ({ status: "running" }),

  /**
   * Stitched (inside the finaliser's transaction): compare-and-set on running, so a delete or a
   * re-analysis that stopped it meanwhile wins. False: it was stopped (or is gone).
   */
  completed: (tx: Client, analysisId: string, data: Fields) =>
    move(analysisId, "complete", data, tx, ["running"]).catch((err) =>
      err instanceof TransitionError ? false : Promise.reject(err),
    ),

  /** A job of it gave up. Returns its video's id, or null when the analysis is gone. */
  async failed(analysisId: string, message: string): Promise<string | null> {
    if (!(await move(analysisId, "failed", { error: message }))) return null;
    return (
      (await db().analysis.findUnique({ where: { id: analysisId }, select: { videoId: true } }))?.videoId ??
      null
    );
  },

  /**
   * Marks a video's queued and running analyses failed with `reason`, inside the caller's transaction (a
   * delete, a re-analysis). Their chunks and finaliser see it within seconds (worker/jobs/cancel.ts) and
   * stop; the janitor removes what they wrote. Returns how many were stopped.
   */
  async stopped(tx: Client, videoId: string, reason: string): Promise<number> {
    const { count } = await tx.analysis.updateMany({
      where: { videoId, status: { in: analyses.only("failed", ["queued", "running"]) } },
      data: { status: "failed", error: reason },
    });
    return count;
  },

  /** Fixtures and seeds only (a guard test keeps it so): a row placed in a status it never lived through. */
  seed: (status: AnalysisStatus) => ({ status }),
};
