// Issue #29: where the action is in each frame, from motion alone (cheap: a 128×72 grey decode of the
// clip the worker just cut). The camera's own pan is taken out first (the best whole-frame shift), so
// what is left is what moves in the scene: the run-up, the kick, the ball, the keeper's dive.
// Shot cuts (a frame unlike the one before whatever the shift) reset the path.

export const GRID_W = 128;
export const GRID_H = 72;

export interface Motion {
  /** where the crop centre wants to be, per frame (share of the width) */
  targets: number[];
  /** frames (clip index) where a shot begins */
  cuts: number[];
}

const SHIFT_X = 4;
const SHIFT_Y = 2;
// mean grey difference (0–255) after the best shift, and histogram change, that make a cut
const CUT_DIFF = 26;
const CUT_HIST = 0.45;
// motion lingers ~0.4 s (per-frame decay at 25 fps), so a still moment keeps the last action in frame
const DECAY_PER_S = 0.2;
// below this much motion mass (grey levels × pixels) the target holds
const MIN_MASS = 400;
// the top rows hold scoreboards and the crowd, which move without being the action
const TOP_MUTE = 0.14;
const TOP_RAMP = 0.3;

function bestShift(a: Uint8Array, b: Uint8Array): { dx: number; dy: number; diff: number } {
  let best = { dx: 0, dy: 0, diff: Infinity };
  for (let dy = -SHIFT_Y; dy <= SHIFT_Y; dy++)
    for (let dx = -SHIFT_X; dx <= SHIFT_X; dx++) {
      let sum = 0;
      let n = 0;
      for (let y = SHIFT_Y + 4; y < GRID_H - SHIFT_Y - 4; y += 2)
        for (let x = SHIFT_X + 4; x < GRID_W - SHIFT_X - 4; x += 2) {
          sum += Math.abs(a[y * GRID_W + x]! - b[(y + dy) * GRID_W + x + dx]!);
          n++;
        }
      const diff = sum / n;
      if (diff < best.diff) best = { dx, dy, diff };
    }
  return best;
}

function histogramChange(a: Uint8Array, b: Uint8Array): number {
  const ha = new Float64Array(16);
  const hb = new Float64Array(16);
  for (let i = 0; i < a.length; i++) {
    ha[a[i]! >> 4]!++;
    hb[b[i]! >> 4]!++;
  }
  let d = 0;
  for (let i = 0; i < 16; i++) d += Math.abs(ha[i]! - hb[i]!);
  return d / (2 * a.length);
}

const rowWeight = (y: number) => {
  const r = y / GRID_H;
  return r < TOP_MUTE ? 0 : r >= TOP_RAMP ? 1 : (r - TOP_MUTE) / (TOP_RAMP - TOP_MUTE);
};

/** Per-column motion of frame `cur` against `prev` shifted by the camera's pan. */
function columnMotion(prev: Uint8Array, cur: Uint8Array, dx: number, dy: number): Float64Array {
  const col = new Float64Array(GRID_W);
  for (let y = 1; y < GRID_H - 1; y++) {
    const w = rowWeight(y);
    if (w === 0) continue;
    const py = Math.min(GRID_H - 2, Math.max(1, y + dy));
    for (let x = 1; x < GRID_W - 1; x++) {
      const px = Math.min(GRID_W - 2, Math.max(1, x + dx));
      const p = py * GRID_W + px;
      // a sub-pixel pan leaves a difference on every edge: as much as half the local gradient is expected
      const grad = Math.abs(prev[p + 1]! - prev[p - 1]!) + Math.abs(prev[p + GRID_W]! - prev[p - GRID_W]!);
      const m = Math.abs(cur[y * GRID_W + x]! - prev[p]!) - 0.5 * grad - 10;
      if (m > 0) col[x]! += m * w;
    }
  }
  return col;
}

/**
 * Motion targets for a run of grey frames. The target is the centre of the window (`share` of the
 * width) holding the most recent motion, with a slight pull to the middle (a broadcast camera frames the
 * action); with too little motion it holds where it was.
 */
export function motionTargets(frames: Uint8Array[], share: number, fps: number): Motion {
  const targets: number[] = [];
  const cuts: number[] = [];
  const decay = Math.pow(DECAY_PER_S, 1 / fps);
  const win = Math.max(2, Math.round(share * 0.8 * GRID_W));
  let acc = new Float64Array(GRID_W);
  let held = 0.5;
  for (let i = 0; i < frames.length; i++) {
    if (i > 0) {
      const prev = frames[i - 1]!;
      const cur = frames[i]!;
      const s = bestShift(cur, prev);
      if (s.diff > CUT_DIFF && histogramChange(prev, cur) > CUT_HIST) {
        cuts.push(i);
        acc = new Float64Array(GRID_W);
        held = 0.5;
      } else {
        const col = columnMotion(prev, cur, s.dx, s.dy);
        for (let x = 0; x < GRID_W; x++) acc[x] = acc[x]! * decay + col[x]!;
      }
    }
    let total = 0;
    for (let x = 0; x < GRID_W; x++) total += acc[x]!;
    if (total >= MIN_MASS) {
      let sum = 0;
      for (let x = 0; x < win; x++) sum += acc[x]!;
      let best = -Infinity;
      let at = 0;
      for (let x0 = 0; x0 + win <= GRID_W; x0++) {
        if (x0 > 0) sum += acc[x0 + win - 1]! - acc[x0 - 1]!;
        const centre = (x0 + win / 2) / GRID_W;
        const score = sum * (1 - 0.6 * Math.abs(centre - 0.5));
        if (score > best) {
          best = score;
          at = centre;
        }
      }
      held = at;
    }
    targets.push(held);
  }
  return { targets, cuts };
}
