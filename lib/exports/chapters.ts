import { itemSeconds, type Prepared } from "./model";

// YouTube's rules for description chapters: the first at 0:00, each at least 10 s long, at least three
// (otherwise YouTube shows none, so we still write what there is). Whole seconds only, so this is the one
// export that cannot be frame-exact: a chapter starts at the highlight's start rounded down.
export const MIN_CHAPTER_S = 10;
const KICK_OFF = "Kick-off";
// Long titles are cut: YouTube shows a chapter title on one short line under the player.
const MAX_TITLE = 100;

/** The highlight's name, and its note after a dash when it has one. */
const titleOf = (it: Prepared["items"][number]) => (it.note ? `${it.name} — ${it.note}` : it.name);
const cut = (s: string) => (s.length > MAX_TITLE ? `${s.slice(0, MAX_TITLE - 1).trimEnd()}…` : s);

export function chapterStamp(totalS: number): string {
  const s = Math.floor(totalS);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export function toChapters(p: Prepared): string {
  const chapters: { at: number; title: string }[] = [{ at: 0, title: KICK_OFF }];
  for (const it of p.items) {
    const at = Math.floor(itemSeconds(it, p.rate).start);
    const last = chapters[chapters.length - 1]!;
    if (at - last.at < MIN_CHAPTER_S) {
      // Too close to the previous chapter for YouTube: name both in one chapter rather than break the list.
      last.title = last.title === KICK_OFF ? `${KICK_OFF}, ${titleOf(it)}` : `${last.title} & ${titleOf(it)}`;
      continue;
    }
    chapters.push({ at, title: titleOf(it) });
  }
  return chapters.map((c) => `${chapterStamp(c.at)} ${cut(c.title)}`).join("\n") + "\n";
}
