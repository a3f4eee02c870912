// The playhead as a tiny external store: it changes every animation frame while playing, and only the
// few things that show it (timecode, timeline playhead) subscribe, instead of re-rendering the page.

export interface PlayheadStore {
  get(): number;
  set(t: number): void;
  subscribe(fn: () => void): () => void;
}

export function createPlayhead(): PlayheadStore {
  let t = 0;
  const subs = new Set<() => void>();
  return {
    get: () => t,
    set(next) {
      if (next === t) return;
      t = next;
      for (const fn of subs) fn();
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
