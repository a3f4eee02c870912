import { jobNames } from "@/lib/pipeline/graph";
import { analyzeJob } from "./analyze";
import { analyzeChunkJob } from "./analyze-chunk";
import { analyzeFinalizeJob } from "./analyze-finalize";
import { buildReelJob } from "./build-reel";
import { cutClipJob } from "./cut-clip";
import { reframeClipJob } from "./reframe-clip";
import { deliverWebhookJob } from "./deliver-webhook";
import { filmstripJob } from "./filmstrip";
import { janitorJob } from "./janitor";
import { notifyJob } from "./notify";
import { liveClipJob } from "./live-clip";
import { liveFinalizeJob } from "./live-finalize";
import { livePollJob } from "./live-poll";
import { probeJob } from "./probe";
import { proxyJob } from "./proxy";
import { purgeVideoJob } from "./purge-video";
import { rescoreJob } from "./rescore";
import { retrainJob } from "./retrain";
import type { JobDefinition } from "./types";

export const jobs = [
  probeJob,
  analyzeJob,
  analyzeChunkJob,
  analyzeFinalizeJob,
  cutClipJob,
  reframeClipJob,
  buildReelJob,
  filmstripJob,
  notifyJob,
  deliverWebhookJob,
  livePollJob,
  liveClipJob,
  liveFinalizeJob,
  proxyJob,
  purgeVideoJob,
  janitorJob,
  retrainJob,
  rescoreJob,
] as unknown as JobDefinition[];

/** The worker refuses to boot if a job of the graph (lib/pipeline/graph.ts) has no handler here. */
export function assertRegistryComplete(list: JobDefinition[] = jobs): void {
  const have = new Set(list.map((j) => j.name));
  const missing = jobNames.filter((n) => !have.has(n));
  if (missing.length > 0) throw new Error(`No handler registered for job(s): ${missing.join(", ")}`);
}
