import { labelledHighlights } from "../clips/current";
import { conflict } from "@/lib/platform/errors";
import { videoOr404 } from "../videos/find";
import type { TCropAspect } from "./aspect";
import { requestAspects } from "./service";

/** Every cut clip not rejected (of one label) in one cropped aspect: the ZIP's and the menu's request. */
export async function requestVideoAspect(videoId: string, aspect: TCropAspect, label: string | null) {
  await videoOr404(videoId);
  const { highlights } = await labelledHighlights(videoId, label);
  const cut = highlights.filter((h) => h.status !== "rejected" && h.clipKey && h.clipRevision !== null);
  if (cut.length === 0) throw conflict("No clips are cut yet: ask for other aspects once they are");
  const queued = await requestAspects(
    cut.map((h) => h.id),
    aspect,
  );
  return { videoId, aspect, clips: cut.length, queued };
}
