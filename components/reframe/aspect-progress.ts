// Issue #29: what the downloads menu says of the clips in one variant (a cropped aspect, the brand, or
// both). The ZIP of a variant holds every cut clip not rejected, so it opens once each of them is
// rendered. Browser-safe.
import { variantOf, variantText, type TVariant } from "@/lib/reframe/variant";
import type { THighlightDto } from "@/lib/schemas/highlights";

type Clip = Pick<THighlightDto, "status" | "clipUrl" | "aspects" | "brandedAspects">;

/** The words for a variant's render: "cropped to 9:16", or "made in 9:16 with brand". */
export function variantWords(v: TVariant) {
  return v.branded
    ? { ask: `Make ${variantText(v)}`, done: `made in ${variantText(v)}`, busy: "being made" }
    : { ask: `Crop to ${v.aspect}`, done: `cropped to ${v.aspect}`, busy: "being cropped" };
}

export function aspectProgress(highlights: Clip[], v: TVariant) {
  const cut = highlights.filter((h) => h.status !== "rejected" && h.clipUrl);
  const count = (s: string) => cut.filter((h) => variantOf(h, v)?.state === s).length;
  const ready = count("ready");
  const cutting = count("cutting");
  const failed = count("failed");
  const todo = cut.length - ready - cutting;
  const words = variantWords(v);
  const text =
    cut.length === 0
      ? `No clips are cut yet: they can be ${words.done} once they are.`
      : [
          `${ready} of ${cut.length} clip${cut.length === 1 ? "" : "s"} ${words.done}`,
          cutting ? `${cutting} ${words.busy}` : "",
          failed ? `${failed} failed` : "",
        ]
          .filter(Boolean)
          .join(", ") + ".";
  return { total: cut.length, ready, cutting, todo, allReady: cut.length > 0 && ready === cut.length, text };
}
