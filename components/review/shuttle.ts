// J/K/L shuttle as NLEs do it: L plays forward, again for faster; J the same backwards; K stops.
export const SPEEDS = [1, 2, 4, 8] as const;

export interface Shuttle {
  /** -1 backwards, 0 stopped, 1 forwards */
  dir: -1 | 0 | 1;
  level: number;
}

export const stopped: Shuttle = { dir: 0, level: 0 };

export function press(s: Shuttle, key: "j" | "k" | "l"): Shuttle {
  if (key === "k") return stopped;
  const dir = key === "l" ? 1 : -1;
  // The opposite key first slows down, then reverses (a press of J while at 4× forward → 2×).
  if (s.dir === -dir) return s.level > 0 ? { dir: s.dir, level: s.level - 1 } : { dir, level: 0 };
  if (s.dir === dir) return { dir, level: Math.min(SPEEDS.length - 1, s.level + 1) };
  return { dir, level: 0 };
}

/** Signed playback rate (×). */
export const rateOf = (s: Shuttle) => s.dir * SPEEDS[s.level]!;
