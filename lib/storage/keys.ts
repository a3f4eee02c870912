// Every object key is made here, from server-side ids only: no user-controlled paths reach S3.
export const keys = {
  source: (videoId: string, ext: string) => `videos/${videoId}/source${safeExt(ext)}`,
  poster: (videoId: string) => `videos/${videoId}/poster.jpg`,
  videoPrefix: (videoId: string) => `videos/${videoId}/`,
  features: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/features.f16`,
  scores: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/scores.json`,
  shots: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/shots.json`,
  analysisChunk: (videoId: string, analysisId: string, index: number, ext: "json" | "f16") =>
    `videos/${videoId}/analyses/${analysisId}/chunks/${String(index).padStart(5, "0")}.${ext}`,
  analysisChunks: (videoId: string, analysisId: string) => `videos/${videoId}/analyses/${analysisId}/chunks/`,
  clip: (videoId: string, highlightId: string) => `videos/${videoId}/clips/${highlightId}.mp4`,
  // A re-cut writes a new key (revision + nonce) and swaps the DB pointer, so a player never sees a half file.
  clipCut: (videoId: string, highlightId: string, revision: number, nonce: string) =>
    `videos/${videoId}/clips/${highlightId}-r${revision}-${nonce}.mp4`,
  clipPoster: (videoId: string, highlightId: string, revision: number, nonce: string) =>
    `videos/${videoId}/clips/${highlightId}-r${revision}-${nonce}.jpg`,
  reel: (videoId: string, nonce: string) => `videos/${videoId}/reel/reel-${nonce}.mp4`,
  filmstripSprite: (videoId: string) => `videos/${videoId}/filmstrip/sprite.jpg`,
  filmstripVtt: (videoId: string) => `videos/${videoId}/filmstrip/thumbnails.vtt`,
  uploadStaging: (uploadId: string, ext: string) => `uploads/${uploadId}/source${safeExt(ext)}`,
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
