import { db } from "@/lib/platform/db";
import { withLogContext } from "@/lib/platform/logger";
import type { JobName } from "./graph";

/**
 * The ids a job's log lines carry (issue #27): those in its payload, plus the video it works for when the
 * payload names it only through another row (a chunk's analysis, a clip's highlight, a webhook's
 * delivery, a live clip's source). One indexed lookup at most; a row that is gone leaves the id out
 * (the handler logs that it has nothing to do), and a failed lookup never fails the job.
 */
export interface Correlation {
  videoId?: string;
  analysisId?: string;
  highlightId?: string;
  liveSourceId?: string;
  versionId?: string;
}

const IDS = ["videoId", "analysisId", "highlightId", "liveSourceId", "versionId"] as const;

export function idsIn(payload: unknown): Correlation {
  const out: Correlation = {};
  if (typeof payload !== "object" || payload === null) return out;
  for (const k of IDS) {
    const v = (payload as Record<string, unknown>)[k];
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

export async function correlationOf(name: JobName, payload: unknown): Promise<Correlation> {
  const ids = idsIn(payload);
  if (ids.videoId) return ids;
  try {
    return { ...ids, ...(await lookUp(name, payload as Record<string, string>, ids)) };
  } catch {
    return ids;
  }
}

async function lookUp(name: JobName, p: Record<string, string>, ids: Correlation): Promise<Correlation> {
  if (ids.highlightId) {
    const h = await db().highlight.findUnique({
      where: { id: ids.highlightId },
      select: { videoId: true, analysisId: true },
    });
    return h ?? {};
  }
  if (ids.analysisId) {
    const a = await db().analysis.findUnique({ where: { id: ids.analysisId }, select: { videoId: true } });
    return a ?? {};
  }
  if (name === "live-clip") {
    const h = await db().liveHighlight.findUnique({
      where: { id: p.liveHighlightId },
      select: { liveSourceId: true, liveSource: { select: { videoId: true } } },
    });
    return h ? { liveSourceId: h.liveSourceId, videoId: h.liveSource.videoId ?? undefined } : {};
  }
  if (ids.liveSourceId) {
    const s = await db().liveSource.findUnique({
      where: { id: ids.liveSourceId },
      select: { videoId: true },
    });
    return s?.videoId ? { videoId: s.videoId } : {};
  }
  if (name === "deliver-webhook") {
    const d = await db().webhookDelivery.findUnique({ where: { id: p.deliveryId }, select: { body: true } });
    const body = d ? (JSON.parse(d.body) as { video?: { id?: string }; analysis?: { id?: string } }) : {};
    return { videoId: body.video?.id, analysisId: body.analysis?.id };
  }
  return {};
}

/** Runs a job's work with its correlation ids, its kind and its id on every log line written inside. */
export async function inJobContext<T>(
  name: JobName,
  job: { id?: string; data: unknown },
  fn: () => Promise<T>,
): Promise<T> {
  const ids = await correlationOf(name, job.data);
  return withLogContext({ ...ids, job: name, jobId: job.id }, fn);
}
