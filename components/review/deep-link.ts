// Links into the review room (issue #24): /videos/<id>?t=<time> opens it there, ?highlight=<id> opens
// it at that highlight, selected. Browser-safe, pure.
import { timeOfFrame, timecode } from "./frames";

/**
 * A time from a link, in seconds: timecode of the original "HH:MM:SS:FF" (as the clock shows it),
 * "[h:]mm:ss[.sss]" (the match clock) or plain seconds ("75.5"). null: not a time we read.
 */
export function parseLinkTime(text: string, fps: number): number | null {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const tc = /^(\d+):([0-5]\d):([0-5]\d):(\d\d)$/.exec(s);
  if (tc) {
    const [h, m, sec, f] = tc.slice(1).map(Number) as [number, number, number, number];
    const nominal = Math.max(1, Math.round(fps));
    if (f >= nominal) return null;
    return timeOfFrame((h * 3600 + m * 60 + sec) * nominal + f, fps);
  }
  const clock = /^(?:(\d+):)?(\d+):([0-5]\d(?:\.\d+)?)$/.exec(s);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  return null;
}

export interface RoomLink {
  t: string | null;
  highlight: string | null;
}

export interface LinkTarget {
  /** where the player goes */
  t: number;
  /** the highlight to select */
  highlightId: string | null;
  /** what went wrong, in words, when the link named something this video does not have */
  problem: string | null;
}

/** Where a link opens the room: a highlight's start (or `t` inside it), else `t`, clamped to the video. */
export function linkTarget(
  link: RoomLink,
  highlights: { id: string; startS: number }[],
  fps: number,
  duration: number,
): LinkTarget | null {
  if (link.t === null && link.highlight === null) return null;
  const h = link.highlight === null ? undefined : highlights.find((x) => x.id === link.highlight);
  const t = link.t === null ? null : parseLinkTime(link.t, fps);
  const problems = [
    link.highlight !== null && !h ? "The linked highlight is not in this video's current highlights" : null,
    link.t !== null && t === null ? `"${link.t}" is not a time (use 00:01:15:00, 1:15 or 75)` : null,
  ].filter(Boolean);
  const at = t ?? h?.startS ?? 0;
  return {
    t: Math.min(Math.max(0, at), Math.max(0, duration)),
    highlightId: h?.id ?? null,
    problem: problems.length ? `${problems.join("; ")}.` : null,
  };
}

/** The room's URL at a highlight or a time (timecode of the original), for "copy link". */
export function roomLinkHref(
  origin: string,
  videoId: string,
  at: { highlightId: string } | { t: number; fps: number },
): string {
  const q =
    "highlightId" in at
      ? `highlight=${encodeURIComponent(at.highlightId)}`
      : `t=${encodeURIComponent(timecode(at.t, at.fps))}`;
  return `${origin}/videos/${videoId}?${q}`;
}
