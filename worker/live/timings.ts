// Where one segment's latency goes, stage by stage. Logged at debug level; `npm run bench:live`
// subscribes to print the breakdown next to its end-to-end figure.

export interface SegmentTimings {
  liveSourceId: string;
  seq: number;
  // wall clock (ms) when the playlist load that first listed the segment started and returned
  loadStartMs: number;
  listedMs: number;
  // stages, in ms; score = decode + backbone + head, upload runs beside it
  fetchMs: number;
  scoreMs: number;
  uploadMs: number;
  // from the fetch's start until both score and upload were done
  processMs: number;
  storeMs: number;
}

type Listener = (t: SegmentTimings) => void;
const listeners = new Set<Listener>();

export function onSegmentTimings(fn: Listener): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

export function emitSegmentTimings(t: SegmentTimings): void {
  for (const fn of listeners) fn(t);
}

/** Milliseconds an async step took, rounded to 0.1 ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, Math.round((performance.now() - t0) * 10) / 10];
}
