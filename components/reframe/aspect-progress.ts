// Issue #29: what the downloads menu says of the clips in one cropped aspect. The ZIP of a cropped
// aspect holds every cut clip not rejected, so it opens once each of them is rendered. Browser-safe.
import type { TCropAspect } from "@/lib/reframe/aspect";
import type { THighlightDto } from "@/lib/schemas/highlights";

type Clip = Pick<THighlightDto, "status" | "clipUrl" | "aspects">;

export function aspectProgress(highlights: Clip[], aspect: TCropAspect) {
  const cut = highlights.filter((h) => h.status !== "rejected" && h.clipUrl);
  const count = (s: string) => cut.filter((h) => h.aspects[aspect].state === s).length;
  const ready = count("ready");
  const cutting = count("cutting");
  const failed = count("failed");
  const todo = cut.length - ready - cutting;
  const text =
    cut.length === 0
      ? `No clips are cut yet: they can be cropped to ${aspect} once they are.`
      : [
          `${ready} of ${cut.length} clip${cut.length === 1 ? "" : "s"} cropped to ${aspect}`,
          cutting ? `${cutting} being cropped` : "",
          failed ? `${failed} failed` : "",
        ]
          .filter(Boolean)
          .join(", ") + ".";
  return { total: cut.length, ready, cutting, todo, allReady: cut.length > 0 && ready === cut.length, text };
}
