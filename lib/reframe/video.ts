import { labelledHighlights } from "../clips/current";
import { conflict } from "@/lib/platform/errors";
import { videoOr404 } from "../videos/find";
import type { TVariant } from "./variant";
import { requestAspects } from "./service";

/** Every cut clip not rejected (of one label) in one variant: the ZIP's and the menu's request. */
export async function requestVideoAspect(videoId: string, v: TVariant, label: string | null) {
  await videoOr404(videoId);
  const { highlights } = await labelledHighlights(videoId, label);
  const cut = highlights.filter((h) => h.status !== "rejected" && h.clipKey && h.clipRevision !== null);
  if (cut.length === 0) throw conflict("No clips are cut yet: ask for other aspects once they are");
  const queued = await requestAspects(
    cut.map((h) => h.id),
    v,
  );
  return { videoId, aspect: v.aspect, brand: v.branded, clips: cut.length, queued };
}
