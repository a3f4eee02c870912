// bench:e2e's editor (issue #25): on a match that is ready, while other matches are being processed, an
// editor asks for a 15-s clip and then a reel of 3 clips, through the API as the review room does; each
// is timed from the request to the moment the API lists it as ready.
import type { THighlightDto, THighlightsDto, TReelDto } from "@/lib/schemas/highlights";
import { POLL_MS } from "./bench-follow";
import type { Api } from "./upload-client";

const CLIP_S = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function highlights(api: Api, videoId: string): Promise<THighlightDto[]> {
  return (await api<THighlightsDto>(`/api/videos/${videoId}/highlights`)).highlights;
}

/** Marks a 15-s highlight at `startS` and resolves with its id once its clip is cut. */
async function cutClip(api: Api, videoId: string, label: string, startS: number): Promise<string> {
  const h = await api<THighlightDto>(`/api/videos/${videoId}/review/highlights`, {
    body: { label, startS, endS: startS + CLIP_S },
  });
  for (;;) {
    const now = (await highlights(api, videoId)).find((x) => x.id === h.id);
    if (!now) throw new Error(`the highlight ${h.id} disappeared`);
    if (now.clipStatus === "failed") throw new Error(`the clip cut failed: ${now.clipError}`);
    if (now.clipStatus === "ready" && !now.clipStale) return h.id;
    await sleep(POLL_MS);
  }
}

/**
 * Before the timed part: every highlight the analysis found is rejected and two 15-s clips are cut, so
 * that the reel asked for later holds exactly 3 clips (the timed one and these two).
 */
export async function prepareEditor(api: Api, videoId: string, label: string, durationS: number) {
  for (const h of await highlights(api, videoId))
    await api(`/api/highlights/${h.id}`, { method: "PATCH", body: { status: "rejected" } });
  await cutClip(api, videoId, label, durationS * 0.2);
  await cutClip(api, videoId, label, durationS * 0.4);
}

export interface EditorTimes {
  clip_s: number;
  reel_s: number;
  reel_clips: number;
}

/** The timed part: a 15-s clip, then a reel of the 3 clips. */
export async function editorAsks(
  api: Api,
  videoId: string,
  label: string,
  durationS: number,
): Promise<EditorTimes> {
  const t0 = Date.now();
  await cutClip(api, videoId, label, durationS * 0.6);
  const clipS = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  const asked = await api<TReelDto>(`/api/videos/${videoId}/reel`, { body: {} });
  for (;;) {
    const reel = await api<TReelDto>(`/api/videos/${videoId}/reel`);
    if (reel.status === "failed") throw new Error(`the reel failed: ${reel.error}`);
    if (reel.status === "ready" && reel.builtAt && reel.builtAt !== asked.builtAt)
      return {
        clip_s: +clipS.toFixed(1),
        reel_s: +((Date.now() - t1) / 1000).toFixed(1),
        reel_clips: reel.count,
      };
    await sleep(POLL_MS);
  }
}
