import type { Prisma } from "../generated/prisma/client";

/**
 * Marks a video's queued and running analyses failed with `reason`, inside the caller's transaction (a
 * delete, a re-analysis). Their chunks and finaliser see it within seconds (worker/jobs/cancel.ts) and
 * stop; the janitor removes what they wrote. Returns how many were stopped.
 */
export async function stopAnalyses(
  tx: Pick<Prisma.TransactionClient, "analysis">,
  videoId: string,
  reason: string,
): Promise<number> {
  const { count } = await tx.analysis.updateMany({
    where: { videoId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: reason },
  });
  return count;
}
