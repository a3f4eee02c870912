// ETA from elapsed time and fraction done; pure so it can be tested.
export function etaSeconds(startedAtMs: number, nowMs: number, fraction: number): number | null {
  if (fraction <= 0.02 || fraction >= 1) return null;
  const elapsed = (nowMs - startedAtMs) / 1000;
  return Math.max(0, Math.round((elapsed / fraction) * (1 - fraction)));
}

/** Lets through the first call, then at most one call per interval (the last state always wins at the end). */
export function throttle(intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity;
  return (force = false): boolean => {
    const t = now();
    if (!force && t - last < intervalMs) return false;
    last = t;
    return true;
  };
}
