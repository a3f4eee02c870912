// The CPU budget of the heavy job kinds (issue #17), split out of graph.ts, which names a slot per kind.

/** The queue the long heavy kinds share (BullMQ picks by priority, FIFO within one priority). */
export const CPU_QUEUE = "cpu";

/**
 * Issue #25: the editor's work (clip cuts, trims, reels, live clips, re-scores) has a lane of its own,
 * so it never waits for a background encode or an analysis chunk that holds every CPU slot: each worker
 * takes it WORKER_INTERACTIVE_SLOTS at a time (1) beside its CPU slots. Its jobs are short (seconds to a
 * minute); the background encodes they run beside are niced, so the kernel gives them the cores.
 */
export const INTERACTIVE_QUEUE = "interactive";

export type PooledQueue = typeof CPU_QUEUE | typeof INTERACTIVE_QUEUE;

/**
 * BullMQ priorities in the CPU queue (1 is taken first): analysis > proxy/filmstrip. Analysis chunks
 * add min(index, FAIR_CHUNKS): chunk i of every analysis is taken before chunk i+1 of any, so a short
 * upload is not queued behind a long file's chunks, and a second match gets its turns beside the first
 * (round robin up to FAIR_CHUNKS chunks, arrival order after that).
 */
export const FAIR_CHUNKS = 1000;
export const CPU_PRIORITY = {
  analysis: 10,
  background: 20 + FAIR_CHUNKS,
};

/**
 * Priorities in the interactive lane: what an editor (or a live stream) waits for first, then the cuts
 * an analysis makes of its own suggestions, then the re-scores an activation queues for every video.
 */
export const INTERACTIVE_PRIORITY = {
  editor: 1,
  live: 1,
  automatic: 5,
  rescore: 10,
};

/** How many earlier revisions a queued cut looks back over to remove their waiting cuts. */
const SUPERSEDE_REVISIONS = 8;

/**
 * The ids (graph.ts cut-clip) of a highlight's cuts that a cut of `revision` supersedes: a newer trim
 * replaces the last few still waiting in the lane (one revision per trim); an older one left from a
 * longer run gives up at its own revision check, at once.
 */
export const earlierCuts = (highlightId: string, revision: number): string[] =>
  Array.from(
    { length: Math.min(revision, SUPERSEDE_REVISIONS) },
    (_, i) => `${highlightId}:cut:${revision - 1 - i}`,
  );

/** Niceness of the ffmpeg a background kind runs: it gets the cycles analysis and clips leave. */
export const BACKGROUND_NICENESS = 10;

export interface CpuSlot<P> {
  queue: PooledQueue;
  priority(payload: P): number;
  /** Added to the niceness of the ffmpeg the job runs (0: as the worker). */
  niceness: number;
}

export const slot = {
  // chunk i of every analysis before chunk i + 1 of any (see FAIR_CHUNKS)
  analysis: <P extends { index: number }>(): CpuSlot<P> => ({
    queue: CPU_QUEUE,
    priority: (p) => CPU_PRIORITY.analysis + Math.min(p.index, FAIR_CHUNKS),
    niceness: 0,
  }),
  background: { queue: CPU_QUEUE, priority: () => CPU_PRIORITY.background, niceness: BACKGROUND_NICENESS },
  // Issue #25: proxy pieces in order (piece i of a video before its piece i + 1), after everything else.
  proxyPiece: <P extends { piece?: number }>(): CpuSlot<P> => ({
    queue: CPU_QUEUE,
    priority: (p) => CPU_PRIORITY.background + Math.min(p.piece ?? 0, FAIR_CHUNKS),
    niceness: BACKGROUND_NICENESS,
  }),
  // Issue #25: the waveform is an audio-only pass (seconds of CPU for a match): beside a first chunk.
  audio: { queue: CPU_QUEUE, priority: () => CPU_PRIORITY.analysis, niceness: BACKGROUND_NICENESS },
  interactive: <P>(priority: (payload: P) => number): CpuSlot<P> => ({
    queue: INTERACTIVE_QUEUE,
    priority,
    niceness: 0,
  }),
} as const;
