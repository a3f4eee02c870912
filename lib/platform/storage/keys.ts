// Every object key is made here, from server-side ids only: no user-controlled paths reach S3.
// A video's objects live under its prefix (deleting the video is one deletePrefix), a live source's
// under its own.
export interface ClipFrames {
  startFrame: number;
  /** exclusive */
  endFrame: number;
}

/** The frames a clip key says it holds; null for keys cut before keys named them. */
export function clipFramesOf(key: string): ClipFrames | null {
  const m = /-r\d+-f(\d+)-(\d+)-[^/]+\.mp4$/.exec(key);
  return m ? { startFrame: Number(m[1]), endFrame: Number(m[2]) } : null;
}

const pad = (n: number) => String(n).padStart(10, "0");

export const keys = {
  source: (videoId: string, ext: string) => `videos/${videoId}/source${safeExt(ext)}`,
  poster: (videoId: string) => `videos/${videoId}/poster.jpg`,
  videoPrefix: (videoId: string) => `videos/${videoId}/`,
  features: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/features.f16`,
  scores: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/scores.json`,
  // a score file rewritten under a renamed label (lib/labels/admin.ts): a new key, swapped in by the
  // rename's transaction, so no reader sees names the database does not have yet
  relabelledScores: (videoId: string, analysisId: string, stamp: string) =>
    `videos/${videoId}/analyses/${analysisId}/scores-${stamp}.json`,
  analysisChunk: (videoId: string, analysisId: string, index: number, ext: "json" | "f16" | "tiles") =>
    `videos/${videoId}/analyses/${analysisId}/chunks/${String(index).padStart(5, "0")}.${ext}`,
  analysisChunks: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/chunks/`,
  clip: (videoId: string, highlightId: string) => `videos/${videoId}/clips/${highlightId}.mp4`,
  // A re-cut writes a new key (revision + nonce) and swaps the DB pointer, so a player never sees a half file.
  // The key names the source frames it holds (f<start>-<end>, end exclusive): an edit that goes back to
  // them (an undone trim) keeps the clip instead of cutting it again (clipFramesOf, lib/clips/service.ts).
  clipCut: (videoId: string, highlightId: string, revision: number, nonce: string, frames?: ClipFrames) =>
    `videos/${videoId}/clips/${highlightId}-r${revision}${frames ? `-f${frames.startFrame}-${frames.endFrame}` : ""}-${nonce}.mp4`,
  clipPoster: (videoId: string, highlightId: string, revision: number, nonce: string) =>
    `videos/${videoId}/clips/${highlightId}-r${revision}-${nonce}.jpg`,
  // issue #29: the clip of `revision` cropped to an aspect ("9x16") along the crop path of `cropRevision`
  clipAspect: (
    videoId: string,
    highlightId: string,
    revision: number,
    slug: string,
    cropRevision: number,
    nonce: string,
  ) => `videos/${videoId}/clips/${highlightId}-r${revision}-${slug}-c${cropRevision}-${nonce}.mp4`,
  reel: (videoId: string, nonce: string) => `videos/${videoId}/reel/reel-${nonce}.mp4`,
  filmstripSprite: (videoId: string) => `videos/${videoId}/filmstrip/sprite.jpg`,
  filmstripVtt: (videoId: string) => `videos/${videoId}/filmstrip/thumbnails.vtt`,
  uploadStaging: (uploadId: string, ext: string) => `uploads/${uploadId}/source${safeExt(ext)}`,
  // review room (job proxy): the scrubbing proxy, shot cuts and waveform found in the same decode
  proxy: (videoId: string) => `videos/${videoId}/proxy/proxy.mp4`,
  proxyShots: (videoId: string) => `videos/${videoId}/proxy/shots.json`,
  proxyWaveform: (videoId: string) => `videos/${videoId}/proxy/waveform.json`,
  // issue #25: shot cuts found by the analysis's own decode, the waveform by an audio-only pass, and the
  // proxy (only for sources the browser cannot play well) as HLS pieces
  shots: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/shots.json`,
  waveform: (videoId: string) => `videos/${videoId}/waveform.json`,
  proxyPiece: (videoId: string, index: number) =>
    `videos/${videoId}/proxy/pieces/${String(index).padStart(5, "0")}.ts`,
  proxyPieces: (videoId: string) => `videos/${videoId}/proxy/pieces/`,
  // issue #14: retrained heads (head.onnx, parity.json), one prefix per model version
  modelVersionFile: (versionId: string, file: "head.onnx" | "parity.json") =>
    `models/versions/${versionId}/${file}`,
  // issue #29: the instance brand's logo; a new upload gets a new key (a reel being built keeps its own)
  brandLogo: (nonce: string, ext: "png" | "jpg" | "webp") => `brand/logo-${nonce}.${ext}`,
  // live mode
  livePrefix: (sourceId: string) => `live/${sourceId}/`,
  liveSegment: (sourceId: string, epoch: number, seq: number, ext: string) =>
    `live/${sourceId}/segments/${String(epoch).padStart(3, "0")}-${pad(seq)}.${ext.replace(/[^a-z0-9]/gi, "").slice(0, 5) || "ts"}`,
  liveClip: (sourceId: string, highlightId: string) => `live/${sourceId}/clips/${highlightId}.mp4`,
};

export function safeExt(ext: string): string {
  const clean = ext
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 8);
  return clean ? `.${clean}` : "";
}

export function extOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1) : "";
}
