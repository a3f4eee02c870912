// Which highlights of a video go into the reel, the ZIP and the clip numbering.

export interface Selectable {
  status: "suggested" | "accepted" | "rejected" | "edited";
  startS: number;
}

/**
 * The reel rule: the highlights an editor accepted (an edited one counts as accepted: someone chose
 * its boundaries). Until anything is accepted, every suggestion not rejected, so a reel can be had
 * straight after analysis. Always in time order.
 */
export function reelSelection<T extends Selectable>(
  highlights: T[],
): { rule: "accepted" | "not-rejected"; items: T[] } {
  const sorted = [...highlights].sort((a, b) => a.startS - b.startS);
  const accepted = sorted.filter((h) => h.status === "accepted" || h.status === "edited");
  if (accepted.length > 0) return { rule: "accepted", items: accepted };
  return { rule: "not-rejected", items: sorted.filter((h) => h.status !== "rejected") };
}

/** Clip numbers (the <nn> in file names): position among the video's highlights of the same label. */
export function clipNumbers<T extends { id: string; label: string; startS: number }>(
  highlights: T[],
): Map<string, number> {
  const perLabel = new Map<string, number>();
  const out = new Map<string, number>();
  for (const h of [...highlights].sort((a, b) => a.startS - b.startS)) {
    const n = (perLabel.get(h.label) ?? 0) + 1;
    perLabel.set(h.label, n);
    out.set(h.id, n);
  }
  return out;
}

/** The labels a video's highlights carry, sorted: what the per-label downloads may be asked for. */
export function labelsOf<T extends { label: string }>(highlights: T[]): string[] {
  return [...new Set(highlights.map((h) => h.label))].sort();
}

/**
 * The highlights of one label (every highlight when `label` is null), or null when none of them has
 * that label, so each caller can say so in its own terms (an HTTP 400, a failed job).
 */
export function ofLabel<T extends { label: string }>(highlights: T[], label: string | null): T[] | null {
  if (label === null) return highlights;
  const picked = highlights.filter((h) => h.label === label);
  return picked.length > 0 ? picked : null;
}

/** Why a label cannot be used: the labels there are, so the editor can pick one. */
export function unknownLabelMessage(label: string, labels: string[]): string {
  const there = labels.length > 0 ? `its labels are ${labels.join(", ")}` : "it has no highlights yet";
  return `This video's current analysis has no highlights labelled "${label}" (${there})`;
}
