// The CPU budget of the heavy job kinds (issue #17), split out of graph.ts, which names a slot per kind.

/** The queue the heavy kinds share (BullMQ picks by priority, FIFO within one priority). */
export const CPU_QUEUE = "cpu";

/**
 * BullMQ priorities (1 is taken first): live > analysis > clip cuts/reel > proxy/filmstrip, as issue #17
 * orders them. Analysis chunks add min(index, FAIR_CHUNKS): chunk i of every analysis is taken before
 * chunk i+1 of any, so a short upload is not queued behind a long file's chunks, and a second match
 * gets its turns beside the first (round robin up to FAIR_CHUNKS chunks, arrival order after that).
 */
export const FAIR_CHUNKS = 1000;
export const CPU_PRIORITY = {
  live: 1,
  analysis: 10,
  clips: 10 + FAIR_CHUNKS + 1,
  background: 20 + FAIR_CHUNKS,
};

/** Niceness of the ffmpeg a background kind runs: it gets the cycles analysis and clips leave. */
export const BACKGROUND_NICENESS = 10;

export interface CpuSlot<P> {
  priority(payload: P): number;
  /** Added to the niceness of the ffmpeg the job runs (0: as the worker). */
  niceness: number;
}

export const slot = {
  live: { priority: () => CPU_PRIORITY.live, niceness: 0 },
  clips: { priority: () => CPU_PRIORITY.clips, niceness: 0 },
  background: { priority: () => CPU_PRIORITY.background, niceness: BACKGROUND_NICENESS },
} as const;
