import { enqueue } from "../queue";

// Deterministic ids: the same highlight revision is cut once; a new revision is a new job.
export const enqueueCut = (highlightId: string, revision: number) =>
  enqueue("cut-clip", { highlightId, revision }, { jobId: `${highlightId}:cut:${revision}` });

export const enqueueReel = (videoId: string, nonce: string) =>
  enqueue("build-reel", { videoId }, { jobId: `${videoId}:reel:${nonce}` });
