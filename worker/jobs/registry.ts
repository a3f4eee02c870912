import type { JobName } from "@/lib/pipeline/graph";
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
import { waveformJob } from "./waveform";
import { purgeVideoJob } from "./purge-video";
import { rescoreJob } from "./rescore";
import { retrainJob } from "./retrain";
import type { JobDefinition } from "./types";

/**
 * One handler per node of the job graph (lib/pipeline/graph.ts), under its name: `tsc` fails when a node
 * has none, or when a key holds another job's handler, so a worker cannot start without one.
 */
export const registry = {
  probe: probeJob,
  analyze: analyzeJob,
  "analyze-chunk": analyzeChunkJob,
  "analyze-finalize": analyzeFinalizeJob,
  "cut-clip": cutClipJob,
  "reframe-clip": reframeClipJob,
  "build-reel": buildReelJob,
  filmstrip: filmstripJob,
  proxy: proxyJob,
  waveform: waveformJob,
  notify: notifyJob,
  "deliver-webhook": deliverWebhookJob,
  "live-poll": livePollJob,
  "live-clip": liveClipJob,
  "live-finalize": liveFinalizeJob,
  "purge-video": purgeVideoJob,
  janitor: janitorJob,
  retrain: retrainJob,
  rescore: rescoreJob,
} satisfies { [N in JobName]: JobDefinition<N> };

export const jobs: JobDefinition[] = Object.values(registry);
