// Pure window grid arithmetic. Window w covers global frames [w*stride, w*stride + T): the grid is
// anchored at t=0 of the source, so a chunk that overlaps its neighbour by one window reproduces
// exactly the windows a whole-file run would score.

export interface WindowGrid {
  frames: number;
  stride: number;
  rate: number;
}

export interface WindowSpan {
  window: number;
  firstFrame: number;
}

export function windowsWithin(grid: WindowGrid, firstFrame: number, count: number): WindowSpan[] {
  const out: WindowSpan[] = [];
  const first = Math.ceil(firstFrame / grid.stride);
  for (let w = first; w * grid.stride + grid.frames <= firstFrame + count; w++) {
    out.push({ window: w, firstFrame: w * grid.stride });
  }
  return out;
}

// The windows a block of `count` frames from `firstFrame` holds, none starting before `fromFrame` (the
// video's first picture: worker/ffmpeg/frames.ts leadSlots). A source shorter than one window gets one
// window (padded by gatherSpans), as the trainer pads short clips.
export function blockWindows(
  grid: WindowGrid,
  firstFrame: number,
  count: number,
  wholeSource: boolean,
  fromFrame = 0,
): WindowSpan[] {
  const from = Math.max(firstFrame, fromFrame);
  const end = firstFrame + count;
  const spans = windowsWithin(grid, from, end - from);
  if (spans.length === 0 && wholeSource && firstFrame === 0 && count > 0) {
    const window = Math.ceil(from / grid.stride);
    if (window * grid.stride < end) return [{ window, firstFrame: window * grid.stride }];
  }
  return spans;
}

// [count × dim] per-frame features → [spans × T × dim]; frames past the block repeat its last frame.
export function gatherSpans(
  spans: readonly WindowSpan[],
  T: number,
  features: Float32Array,
  firstFrame: number,
  count: number,
  dim: number,
): Float32Array {
  const data = new Float32Array(spans.length * T * dim);
  spans.forEach((s, i) => {
    for (let t = 0; t < T; t++) {
      const local = Math.min(s.firstFrame + t - firstFrame, count - 1);
      data.set(features.subarray(local * dim, (local + 1) * dim), (i * T + t) * dim);
    }
  });
  return data;
}

export function windowStartS(grid: WindowGrid, w: number): number {
  return (w * grid.stride) / grid.rate;
}

export function windowCentreS(grid: WindowGrid, w: number): number {
  return (w * grid.stride + grid.frames / 2) / grid.rate;
}
