import { db } from "@/lib/platform/db";
import type { Video } from "../generated/prisma/client";
import { jobIdOf } from "../pipeline/enqueue";
import { WAITING_UNKNOWN, type TJobStatus } from "../schemas/job-status";
import { pendingStatus, pendingStatuses } from "./lookup";
import { etaSeconds, stalledFor } from "./progress";

type Row = Pick<Video, "id" | "status" | "stage" | "progress" | "progressAt" | "progressRate">;

// The lowest unfinished chunks are the first a worker takes (their priority grows with the index).
const CHUNKS_LOOKED_AT = 4;

/** What the Video row says of its running step: fraction, time left from the rate, stall. */
export function runningFromRow(v: Row, now = Date.now()): TJobStatus {
  const mark = v.progressAt
    ? { fraction: v.progress, at: v.progressAt.getTime(), rate: v.progressRate }
    : null;
  return {
    state: "running",
    stage: v.stage,
    fraction: v.progress,
    etaSeconds: mark ? etaSeconds(mark, now) : null,
    stalledForS: mark ? stalledFor(mark, now) : null,
  };
}

/**
 * Where a video on its way stands: its probe or analysis planner waiting (with its place), its chunks
 * all waiting for a CPU slot (the place of the first), or running (from the row). Null once it is
 * ready or failed. The probe and planner of a re-analysis carry a nonce in their id, which is not
 * kept: they show "waiting" without a place (they are light jobs, rarely queued for long).
 */
export async function videoJobStatus(v: Row): Promise<TJobStatus | null> {
  if (v.status === "ready" || v.status === "failed") return null;
  if (v.status === "queued") return pendingStatus("probe", jobIdOf("probe", { videoId: v.id }));
  if (v.stage === "queued for analysis")
    return pendingStatus("analyze", jobIdOf("analyze", { videoId: v.id }));
  if (v.stage !== "analyzing") return runningFromRow(v);
  const analysis = await db().analysis.findFirst({
    where: { videoId: v.id, status: "running" },
    orderBy: { createdAt: "desc" },
    select: { id: true, params: true, chunkProgress: true },
  });
  const chunks = Number((analysis?.params as { chunks?: unknown } | null)?.chunks ?? 0);
  if (!analysis || !chunks) return runningFromRow(v);
  const done = (analysis.chunkProgress ?? {}) as Record<string, number>;
  const open = Array.from({ length: chunks }, (_, i) => i)
    .filter((i) => (done[String(i)] ?? 0) < 1)
    .slice(0, CHUNKS_LOOKED_AT)
    .map((index) => jobIdOf("analyze-chunk", { analysisId: analysis.id, index }));
  if (open.length === 0) return runningFromRow(v);
  const states = [...(await pendingStatuses("analyze-chunk", open)).values()];
  // Redis did not say: a row that moved lately is running; otherwise say only that it waits.
  if (
    states.every((s) => s.state === "waiting" && s.ahead === null) &&
    !states.some((s) => s.state === "waiting" && s.paused)
  ) {
    const row = runningFromRow(v);
    return v.progressAt && row.state === "running" && row.stalledForS === null ? row : WAITING_UNKNOWN;
  }
  if (states.some((s) => s.state === "running")) return runningFromRow(v);
  const places = states.flatMap((s) => (s.state === "waiting" && s.ahead !== null ? [s.ahead] : []));
  const paused = states.some((s) => s.state === "waiting" && s.paused);
  if (places.length > 0) return { state: "waiting", ahead: Math.min(...places), paused };
  return states.find((s) => s.state === "retrying") ?? WAITING_UNKNOWN;
}
