// What the downloads panel says about clips and the reel, from the highlight list the room shows, so
// the words follow every change to that list (the reel's own query polls slowly and said "0 suggested"
// beside a suggestion an analysis had just found). Browser-safe, unit-tested.
import { reelSelection } from "@/lib/clips/selection";
import type { THighlightDto } from "@/lib/schemas/highlights";

type Clip = Pick<THighlightDto, "status" | "clipUrl" | "clipStatus" | "clipStale">;

const beingCut = (h: Clip) => h.clipStatus === "cutting" || h.clipStale;

/** "1 of 2 clips ready, 1 being cut.": a clip being re-cut is not ready, whatever file it still has. */
export function clipSummary(kept: Clip[]): string {
  if (kept.length === 0) return "No highlights to download yet.";
  const cutting = kept.filter(beingCut).length;
  const ready = kept.filter((h) => h.clipUrl && !beingCut(h)).length;
  const of = `${ready} of ${kept.length} clip${kept.length === 1 ? "" : "s"} ready`;
  return `${of}${cutting ? `, ${cutting} being cut` : ""}. Each card above downloads its own clip.`;
}

/** What a reel built now would hold (the server builds with the same rule), and how to say it. */
export function reelPlan(
  highlights: Pick<THighlightDto, "status" | "startS">[],
  label: string | null,
): { count: number; text: string } {
  const { rule, items } = reelSelection(highlights);
  const n = items.length;
  const noun = `${label === null ? "" : `${label} `}highlight${n === 1 ? "" : "s"}`;
  if (rule === "accepted") return { count: n, text: `${n} accepted ${noun}, in time order.` };
  if (n === 0) return { count: 0, text: `Every ${label === null ? "" : `${label} `}highlight is rejected.` };
  return {
    count: n,
    text: `Nothing accepted yet: ${n} suggested ${noun} that ${n === 1 ? "is" : "are"} not rejected.`,
  };
}
