// Issue #29's node of the job graph (graph.ts is at its size limit): one highlight's clip cropped to one
// aspect, from its 16:9 clip along its crop path, in the editors' lane.
import * as S from "../schemas/jobs";
import { INTERACTIVE_PRIORITY, slot } from "./cpu";

export const reframeClipNode = {
  schema: S.ZReframeClipJob,
  // The clip, crop and brand revisions are in the id (an edit of any is new work); the nonce is a request
  // after a failure (BullMQ ignores an id it still holds in its failed set).
  id: (p: S.TReframeClipJob, nonce?: string) =>
    `${p.highlightId}:reframe:${p.aspect.replace(":", "x")}${p.branded ? `-brand${p.brandRevision ?? 0}` : ""}:${p.revision}:${p.cropRevision}${nonce ? `:${nonce}` : ""}`,
  retry: { attempts: 3, backoffMs: 10_000 },
  next: [] as const,
  entry: ["aspect asked for"] as const,
  videoProgress: false as const,
  cpu: slot.interactive<S.TReframeClipJob>(() => INTERACTIVE_PRIORITY.editor),
};
