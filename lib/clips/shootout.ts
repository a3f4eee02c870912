// Issue #29: penalties that follow one another within minutes are a shoot-out. The grouping is by
// time alone; who scored is never guessed — it is the editor's tag on each kick (Highlight.kick).

/** Kicks further apart than this (end of one to start of the next) are not the same shoot-out. */
export const SHOOTOUT_GAP_S = 180;
/** Fewer kicks than this in a row are penalties in play, not a shoot-out. */
export const SHOOTOUT_MIN_KICKS = 3;
export const SHOOTOUT_LABEL = "penalty";

export interface Kickable {
  id: string;
  label: string;
  status: "suggested" | "accepted" | "rejected" | "edited";
  startS: number;
  endS: number;
  kick?: "scored" | "missed" | null;
}

/** Each shoot-out's kicks in time order (kick n is index n-1); rejected highlights are not kicks. */
export function shootouts<T extends Kickable>(highlights: T[]): T[][] {
  const kicks = highlights
    .filter((h) => h.label === SHOOTOUT_LABEL && h.status !== "rejected")
    .sort((a, b) => a.startS - b.startS);
  const groups: T[][] = [];
  let run: T[] = [];
  for (const k of kicks) {
    const last = run[run.length - 1];
    if (last && k.startS - last.endS > SHOOTOUT_GAP_S) {
      groups.push(run);
      run = [];
    }
    run.push(k);
  }
  if (run.length > 0) groups.push(run);
  return groups.filter((g) => g.length >= SHOOTOUT_MIN_KICKS);
}

export interface Tally {
  scored: number;
  missed: number;
  untagged: number;
}

export function tallyOf(kicks: Kickable[]): Tally {
  return {
    scored: kicks.filter((k) => k.kick === "scored").length,
    missed: kicks.filter((k) => k.kick === "missed").length,
    untagged: kicks.filter((k) => !k.kick).length,
  };
}

/** "5 scored · 2 missed" (and "· 1 not tagged" while some kick has no tag): what the cards say. */
export function tallyText(t: Tally): string {
  const parts = [`${t.scored} scored`, `${t.missed} missed`];
  if (t.untagged > 0) parts.push(`${t.untagged} not tagged`);
  return parts.join(" · ");
}

/** "Kick 3 · scored": the kick's number in its shoot-out and its tag (nothing when untagged). */
export function kickText(n: number, kick: "scored" | "missed" | null | undefined): string {
  return kick ? `Kick ${n} · ${kick}` : `Kick ${n}`;
}

/** Kick numbers by highlight id, for the cards and the API. */
export function kickNumbers<T extends Kickable>(
  highlights: T[],
): Map<string, { shootout: number; kick: number }> {
  const out = new Map<string, { shootout: number; kick: number }>();
  shootouts(highlights).forEach((g, s) =>
    g.forEach((h, k) => out.set(h.id, { shootout: s + 1, kick: k + 1 })),
  );
  return out;
}
