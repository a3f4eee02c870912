// Object keys of live mode, made from server-side ids only (like lib/storage/keys.ts, which another
// feature owns; live keys live under their own prefix so deleting a source is one deletePrefix).
const pad = (n: number) => String(n).padStart(10, "0");

export const liveKeys = {
  prefix: (sourceId: string) => `live/${sourceId}/`,
  segment: (sourceId: string, epoch: number, seq: number, ext: string) =>
    `live/${sourceId}/segments/${String(epoch).padStart(3, "0")}-${pad(seq)}.${ext.replace(/[^a-z0-9]/gi, "").slice(0, 5) || "ts"}`,
  clip: (sourceId: string, highlightId: string) => `live/${sourceId}/clips/${highlightId}.mp4`,
};
