import { z } from "zod";

// Job payloads carry ids only; handlers reload state. The same schema parses at enqueue and at run time.
export const ZProbeJob = z.object({ videoId: z.uuid() });
export type TProbeJob = z.infer<typeof ZProbeJob>;

export const ZAnalyzeJob = z.object({ videoId: z.uuid(), modelId: z.string().min(1).optional() });
export type TAnalyzeJob = z.infer<typeof ZAnalyzeJob>;

export const ZAnalyzeChunkJob = z.object({ analysisId: z.uuid(), index: z.number().int().nonnegative() });
export type TAnalyzeChunkJob = z.infer<typeof ZAnalyzeChunkJob>;

export const ZAnalyzeFinalizeJob = z.object({ analysisId: z.uuid() });
export type TAnalyzeFinalizeJob = z.infer<typeof ZAnalyzeFinalizeJob>;

// Live mode: one poll tick per job (the tick number makes the jobId deterministic), a clip per settled
// live highlight, and the recording turned into a Video once the stream ends or is stopped.
export const ZLivePollJob = z.object({ liveSourceId: z.uuid(), tick: z.number().int().nonnegative() });
export type TLivePollJob = z.infer<typeof ZLivePollJob>;
export const ZLiveClipJob = z.object({ liveHighlightId: z.uuid() });
export type TLiveClipJob = z.infer<typeof ZLiveClipJob>;
export const ZLiveFinalizeJob = z.object({ liveSourceId: z.uuid() });
export type TLiveFinalizeJob = z.infer<typeof ZLiveFinalizeJob>;

// Issue #5. cut-clip carries the revision it was asked for: a cut for boundaries that changed since is dropped.
// editor: asked for by an editor's change (issue #25: taken before the cuts an analysis makes itself).
export const ZCutClipJob = z.object({
  highlightId: z.uuid(),
  revision: z.number().int().nonnegative(),
  editor: z.boolean().optional(),
});
export type TCutClipJob = z.infer<typeof ZCutClipJob>;
// Issue #29: the 16:9 clip of `revision` cropped to `aspect` along the crop path of `cropRevision`.
// branded: with the instance brand of brandRevision (logo, lower-third); a "16:9" variant is always branded
export const ZReframeClipJob = z.object({
  highlightId: z.uuid(),
  aspect: z.enum(["16:9", "9:16", "1:1", "4:5"]),
  revision: z.number().int().nonnegative(),
  cropRevision: z.number().int().nonnegative(),
  branded: z.boolean().optional(),
  brandRevision: z.number().int().nonnegative().optional(),
});
export type TReframeClipJob = z.infer<typeof ZReframeClipJob>;
// label: the reel of one label's highlights (issue #14); absent or null: every label. It travels in the
// payload (as cut-clip's revision does) so the video's reelLabel only changes when that reel is stored.
// brand / shootout (issue #29): dress the reel with the instance brand; take the shoot-out's kicks only.
export const ZBuildReelJob = z.object({
  videoId: z.uuid(),
  label: z.string().min(1).max(64).nullish(),
  brand: z.boolean().optional(),
  shootout: z.boolean().optional(),
});
export type TBuildReelJob = z.infer<typeof ZBuildReelJob>;
export const ZFilmstripJob = z.object({ videoId: z.uuid() });
export type TFilmstripJob = z.infer<typeof ZFilmstripJob>;
export const ZNotifyEvent = z.enum(["analysis.completed", "analysis.failed"]);
export type TNotifyEvent = z.infer<typeof ZNotifyEvent>;
export const ZNotifyJob = z.object({ videoId: z.uuid(), analysisId: z.uuid(), event: ZNotifyEvent });
export type TNotifyJob = z.infer<typeof ZNotifyJob>;
export const ZDeliverWebhookJob = z.object({ deliveryId: z.uuid() });
export type TDeliverWebhookJob = z.infer<typeof ZDeliverWebhookJob>;

// Issue #6: the review room's scrubbing proxy. Issue #25: only for sources the browser cannot play well,
// one job per piece (an HLS segment); piece 0 when absent.
export const ZProxyJob = z.object({ videoId: z.uuid(), piece: z.number().int().min(0).optional() });
export type TProxyJob = z.infer<typeof ZProxyJob>;
// Issue #25: the review room's waveform, from an audio-only pass as soon as the video is probed.
export const ZWaveformJob = z.object({ videoId: z.uuid() });
export type TWaveformJob = z.infer<typeof ZWaveformJob>;

// Issue #15: a trashed video is removed for good once its time in the trash is up.
export const ZPurgeVideoJob = z.object({ videoId: z.uuid() });
export type TPurgeVideoJob = z.infer<typeof ZPurgeVideoJob>;
// The janitor runs once per time slot (JANITOR_INTERVAL_H): the slot number makes its id deterministic,
// so every worker may schedule it and it still runs once.
export const ZJanitorJob = z.object({ slot: z.number().int().nonnegative() });
export type TJanitorJob = z.infer<typeof ZJanitorJob>;

// Issue #14: a retrain fills one ModelVersion row; a rescore moves one video's current analysis onto the
// version that was active when it was queued (null: the installed model files), from cached features.
export const ZRetrainJob = z.object({ versionId: z.uuid() });
export type TRetrainJob = z.infer<typeof ZRetrainJob>;
export const ZRescoreJob = z.object({ videoId: z.uuid(), versionId: z.uuid().nullable() });
export type TRescoreJob = z.infer<typeof ZRescoreJob>;
