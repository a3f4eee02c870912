// WebVTT thumbnail cues ("…/sprite.jpg#xywh=x,y,w,h"), as the filmstrip route serves them. Pure.

export interface ThumbCue {
  start: number;
  end: number;
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const TIME = /(?:(\d+):)?(\d{1,2}):(\d{2})\.(\d{3})/;

function seconds(stamp: string): number {
  const m = TIME.exec(stamp);
  if (!m) return Number.NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

export function parseThumbVtt(text: string): ThumbCue[] {
  const out: ThumbCue[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const arrow = lines[i]!.indexOf("-->");
    if (arrow < 0) continue;
    const start = seconds(lines[i]!.slice(0, arrow));
    const end = seconds(lines[i]!.slice(arrow + 3));
    const target = (lines[i + 1] ?? "").trim();
    const hash = target.lastIndexOf("#xywh=");
    if (!Number.isFinite(start) || !Number.isFinite(end) || hash < 0) continue;
    const [x, y, w, h] = target
      .slice(hash + 6)
      .split(",")
      .map(Number);
    if ([x, y, w, h].some((n) => n === undefined || !Number.isFinite(n))) continue;
    out.push({ start, end, url: target.slice(0, hash), x: x!, y: y!, w: w!, h: h! });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The cue showing at t (binary search; cues ascending and not overlapping). */
export function cueAt(cues: readonly ThumbCue[], t: number): ThumbCue | null {
  let lo = 0;
  let hi = cues.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = cues[mid]!;
    if (t < c.start) hi = mid - 1;
    else if (t >= c.end) lo = mid + 1;
    else return c;
  }
  // Past the last cue's end (rounding at the video's end): the last tile is the right picture.
  const last = cues[cues.length - 1];
  return last && t >= last.end && t - last.end < 1 ? last : null;
}
