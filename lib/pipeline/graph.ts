import * as S from "../schemas/jobs";
import { earlierCuts, INTERACTIVE_PRIORITY, slot } from "./cpu";
import { node, type EntryPoint, type JobName, type JobNode } from "./graph-node";
import { reframeClipNode } from "./graph-reframe"; // issue #29

export { jobNames, type EntryPoint, type JobName, type JobNode, type Retry } from "./graph-node";

export {
  BACKGROUND_NICENESS,
  CPU_PRIORITY,
  CPU_QUEUE,
  FAIR_CHUNKS,
  INTERACTIVE_PRIORITY,
  INTERACTIVE_QUEUE,
  type CpuSlot,
  type PooledQueue,
} from "./cpu";

/**
 * The job graph, as data: every BullMQ job kind with its payload schema, deterministic job id, retry
 * policy and the jobs it may enqueue next. Producers (lib/pipeline/enqueue.ts) refuse an edge that is
 * not declared here, so this file is the one place that says what follows what:
 *
 *   upload complete ─► probe ─► analyze ─► analyze-chunk × n ─► analyze-finalize ─► cut-clip × highlights
 *                                   │                                            └► notify ─► deliver-webhook
 *                                   ├► waveform    (an audio-only pass)
 *                                   └► proxy × pieces (only where the browser cannot play the source)
 *   analyze-finalize ─► filmstrip (only for chunks analysed before issue #25; now they make the tiles)
 *   editor: re-analysis asked for ─► probe or analyze; highlights edited ─► cut-clip;
 *           reel asked for ─► build-reel; aspect asked for ─► reframe-clip
 *   live source added ─► live-poll ─► live-poll (next tick), live-clip, live-finalize ─► probe
 *   video trashed ─► purge-video (30 days later; a restore removes it)
 *   worker started, janitor asked for ─► janitor ─► janitor (the next slot)
 *   retrain asked for ─► retrain;  model version activated ─► rescore × videos ─► cut-clip
 *
 * docs/architecture.md shows this graph, generated from it by `npm run docs` (lib/pipeline/graph-doc.ts).
 *
 * Heavy kinds (`cpu` set) share one worker-wide CPU budget: they are queued on the one BullMQ queue
 * CPU_QUEUE with a BullMQ priority, and each worker takes them with WORKER_CPU_SLOTS at a time
 * (worker/runtime.ts). Light kinds keep a queue of their own, outside that budget.
 */

export const graph = {
  probe: node({
    schema: S.ZProbeJob,
    // A re-analysis carries its time: the first run's id may still sit in the failed set, and BullMQ
    // ignores a job whose id it already has.
    id: (p, nonce) => (nonce === undefined ? `${p.videoId}:probe` : `${p.videoId}:probe:${nonce}`),
    retry: { attempts: 3, backoffMs: 5_000 },
    next: ["analyze"],
    entry: ["upload complete", "re-analysis asked for"],
    videoProgress: true,
    cpu: null,
  }),
  analyze: node({
    schema: S.ZAnalyzeJob,
    id: (p, nonce) => (nonce === undefined ? `${p.videoId}:analyze` : `${p.videoId}:analyze:${nonce}`),
    retry: { attempts: 3, backoffMs: 5_000 },
    // a flow: the finaliser runs once every chunk is done; waveform and proxy pieces are queued after
    // the chunks, so a worker with a free slot cannot take them in the moment before the chunks exist.
    // The chunks make the filmstrip and shot cuts themselves (issue #25: one decode feeds everything).
    next: ["analyze-chunk", "analyze-finalize", "waveform", "proxy"],
    entry: ["re-analysis asked for"],
    videoProgress: true,
    cpu: null,
  }),
  "analyze-chunk": node({
    schema: S.ZAnalyzeChunkJob,
    id: (p) => `${p.analysisId}:chunk:${p.index}`,
    retry: { attempts: 3, backoffMs: 10_000 },
    next: [],
    entry: [],
    videoProgress: false,
    cpu: slot.analysis<S.TAnalyzeChunkJob>(),
  }),
  "analyze-finalize": node({
    schema: S.ZAnalyzeFinalizeJob,
    id: (p) => `${p.analysisId}:finalize`,
    retry: { attempts: 3, backoffMs: 10_000 },
    next: ["cut-clip", "notify", "filmstrip"],
    entry: [],
    videoProgress: false,
    cpu: null,
  }),
  // The revision is in the id: the same boundaries are cut once, new boundaries are a new job.
  "cut-clip": node({
    schema: S.ZCutClipJob,
    id: (p) => `${p.highlightId}:cut:${p.revision}`,
    retry: { attempts: 3, backoffMs: 10_000 },
    next: [],
    entry: ["highlights edited"],
    videoProgress: false,
    supersedes: (p) => earlierCuts(p.highlightId, p.revision),
    // An editor's cut (a trim, an accepted or added highlight) before the cuts an analysis makes itself.
    cpu: slot.interactive<S.TCutClipJob>((p) =>
      p.editor ? INTERACTIVE_PRIORITY.editor : INTERACTIVE_PRIORITY.automatic,
    ),
  }),
  "reframe-clip": node(reframeClipNode),
  "build-reel": node({
    schema: S.ZBuildReelJob,
    id: (p, nonce) => `${p.videoId}:reel:${nonce ?? ""}`,
    retry: { attempts: 2, backoffMs: 10_000 },
    next: [],
    entry: ["reel asked for"],
    videoProgress: false,
    cpu: slot.interactive<S.TBuildReelJob>(() => INTERACTIVE_PRIORITY.editor),
  }),
  filmstrip: node({
    schema: S.ZFilmstripJob,
    id: (p) => `${p.videoId}:filmstrip`,
    retry: { attempts: 2, backoffMs: 30_000 },
    next: [],
    entry: [],
    videoProgress: false,
    cpu: slot.background,
  }),
  proxy: node({
    schema: S.ZProxyJob,
    id: (p) => `${p.videoId}:proxy:${p.piece ?? 0}`,
    retry: { attempts: 2, backoffMs: 30_000 },
    next: [],
    entry: [],
    videoProgress: false,
    cpu: slot.proxyPiece<S.TProxyJob>(),
  }),
  waveform: node({
    schema: S.ZWaveformJob,
    id: (p) => `${p.videoId}:waveform`,
    retry: { attempts: 2, backoffMs: 30_000 },
    next: [],
    entry: [],
    videoProgress: false,
    cpu: slot.audio,
  }),
  notify: node({
    schema: S.ZNotifyJob,
    id: (p) => `${p.analysisId}:notify:${p.event === "analysis.completed" ? "completed" : "failed"}`,
    retry: { attempts: 5, backoffMs: 5_000 },
    next: ["deliver-webhook"],
    entry: [],
    videoProgress: false,
    cpu: null,
  }),
  // 8 tries, 5 s doubling: the last one is ~10 min after the first (receivers restart, deploys finish)
  "deliver-webhook": node({
    schema: S.ZDeliverWebhookJob,
    id: (p) => `${p.deliveryId}:deliver`,
    retry: { attempts: 8, backoffMs: 5_000 },
    next: [],
    entry: [],
    videoProgress: false,
    cpu: null,
  }),
  // One poll tick per job; a failed tick is retried soon: the follow loop only goes on once a tick succeeds.
  // Not in the CPU budget although it scores segments: a tick is paced by the stream and lasts seconds,
  // and BullMQ does not preempt, so in the pool it could wait behind an hour-long proxy holding every slot.
  "live-poll": node({
    schema: S.ZLivePollJob,
    id: (p) => `${p.liveSourceId}:poll:${p.tick}`,
    retry: { attempts: 5, backoffMs: 1_000 },
    next: ["live-poll", "live-clip", "live-finalize"],
    entry: ["live source added"],
    videoProgress: false,
    cpu: null,
  }),
  "live-clip": node({
    schema: S.ZLiveClipJob,
    id: (p) => `${p.liveHighlightId}:clip`,
    retry: { attempts: 3, backoffMs: 5_000 },
    next: [],
    entry: [],
    videoProgress: false,
    cpu: slot.interactive<S.TLiveClipJob>(() => INTERACTIVE_PRIORITY.live),
  }),
  // The recording becomes a normal video, which then goes the way of an upload.
  "live-finalize": node({
    schema: S.ZLiveFinalizeJob,
    id: (p) => `${p.liveSourceId}:finalize`,
    retry: { attempts: 3, backoffMs: 10_000 },
    next: ["probe"],
    entry: [],
    videoProgress: false,
    cpu: null,
  }),
  // Queued with a 30-day delay when a video goes to the trash (lib/trash); a restore removes it.
  "purge-video": node({
    schema: S.ZPurgeVideoJob,
    id: (p) => `${p.videoId}:purge`,
    retry: { attempts: 5, backoffMs: 60_000 },
    next: [],
    entry: ["video trashed"],
    videoProgress: false,
    cpu: null,
  }),
  // Expires abandoned uploads and removes objects no row points to (lib/janitor); then queues itself
  // for the next slot. Workers stage it at start: the slot in the id makes that one job.
  janitor: node({
    schema: S.ZJanitorJob,
    id: (p, nonce) => (nonce === undefined ? `janitor:${p.slot}` : `janitor:${p.slot}:${nonce}`),
    retry: { attempts: 3, backoffMs: 60_000 },
    next: ["janitor"],
    entry: ["worker started", "janitor asked for"],
    videoProgress: false,
    cpu: null,
  }),
  // Issue #14. Training is long and deterministic on the same labels: one try, the failure is shown.
  retrain: node({
    schema: S.ZRetrainJob,
    id: (p) => `${p.versionId}:retrain`,
    retry: { attempts: 1, backoffMs: 60_000 },
    next: [],
    entry: ["retrain asked for"],
    videoProgress: false,
    // Outside the CPU budget: an admin starts it rarely, its trainer runs at nice 19 (spare cycles
    // only), and in the pool it would hold a slot for its whole training.
    cpu: null,
  }),
  // The activation's time is the nonce: rolling back and forth re-scores again.
  rescore: node({
    schema: S.ZRescoreJob,
    id: (p, nonce) => `${p.videoId}:rescore:${p.versionId ?? "installed"}:${nonce ?? ""}`,
    retry: { attempts: 3, backoffMs: 10_000 },
    next: ["cut-clip"],
    entry: ["model version activated"],
    videoProgress: false,
    // Head-only scoring of cached features (no decode), in the editors' lane after their own cuts.
    cpu: slot.interactive<S.TRescoreJob>(() => INTERACTIVE_PRIORITY.rescore),
  }),
} satisfies { [N in JobName]: JobNode<unknown, readonly JobName[], readonly EntryPoint[]> };

type Graph = typeof graph;
export type JobPayload<N extends JobName> = Graph[N] extends JobNode<infer P, infer _N, infer _E> ? P : never;
export type NextOf<F extends JobName> = Graph[F]["next"][number];
export type EntryOf<N extends JobName> = Graph[N]["entry"][number];

/** The BullMQ queue a job kind is queued on: the shared CPU queue for heavy kinds, else its own. */
export function queueOf(name: JobName): string {
  return nodeOf(name).cpu?.queue ?? name;
}

/** The node of a job kind, without its literal types (for code that handles every kind alike). */
export function nodeOf(name: JobName): JobNode<unknown, readonly JobName[], readonly EntryPoint[]> {
  return graph[name] as unknown as JobNode<unknown, readonly JobName[], readonly EntryPoint[]>;
}
