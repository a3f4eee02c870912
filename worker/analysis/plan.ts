// Splits a video into time chunks that any worker can analyse on its own. Each chunk reads one window
// past its end so that every window lies wholly inside some chunk; the finaliser keeps one copy.

export interface Chunk {
  index: number;
  startS: number;
  /** undefined: read to the end of the source (the last chunk, or a video shorter than one chunk). */
  durationS: number | undefined;
  /** First frame slot this chunk owns (its features are kept from here up to the next chunk's). */
  firstFrame: number;
  /** Frame slots it owns; undefined for the last chunk (to the end). */
  ownFrames: number | undefined;
}

export function planChunks(durationS: number, rate: number, windowFrames: number, chunkS: number): Chunk[] {
  // Chunk starts must sit on the sampling grid, so chunks are a whole number of frame slots.
  const chunkFrames = Math.max(windowFrames, Math.round(chunkS * rate));
  const totalFrames = Math.ceil(durationS * rate);
  const n = Math.max(1, Math.ceil(totalFrames / chunkFrames));
  return Array.from({ length: n }, (_, index) => {
    const last = index === n - 1;
    const firstFrame = index * chunkFrames;
    return {
      index,
      startS: firstFrame / rate,
      durationS: last ? undefined : (chunkFrames + windowFrames) / rate,
      firstFrame,
      ownFrames: last ? undefined : chunkFrames,
    };
  });
}
