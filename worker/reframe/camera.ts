// Issue #29: the crop moves like a camera operator: it looks a little ahead, holds still while the
// action stays inside a dead zone, and speeds up and slows down gently up to a top speed. A shot cut
// starts the path afresh where the new shot's action is.

export const CAMERA = {
  /** the action may drift this far (share of the width) from the centre before the crop moves */
  deadZone: 0.05,
  /** top speed, share of the width per second, and never more than maxStep per frame */
  speedPerS: 0.3,
  maxStep: 0.015,
  /** change of speed per second² (share of the width) */
  accelPerS2: 0.9,
  /** how far ahead the operator looks, and the smoothing window of the targets, seconds */
  lookaheadS: 0.3,
  smoothS: 0.5,
};

function smooth(xs: number[], half: number): number[] {
  return xs.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(xs.length - 1, i + half); j++) {
      sum += xs[j]!;
      n++;
    }
    return sum / n;
  });
}

function followShot(targets: number[], fps: number): number[] {
  const t = smooth(targets, Math.round((CAMERA.smoothS * fps) / 2));
  const vmax = Math.min(CAMERA.maxStep, CAMERA.speedPerS / fps);
  const amax = CAMERA.accelPerS2 / (fps * fps);
  const ahead = Math.round(CAMERA.lookaheadS * fps);
  let pos = t[Math.min(t.length - 1, ahead)]!;
  let v = 0;
  let moving = false;
  return t.map((_, i) => {
    const err = t[Math.min(t.length - 1, i + ahead)]! - pos;
    // hysteresis: start when the action leaves the dead zone, stop once the crop has nearly caught up
    if (!moving && Math.abs(err) > CAMERA.deadZone) moving = true;
    if (moving && Math.abs(err) < CAMERA.deadZone / 4) moving = false;
    // the speed from which it can still stop in the distance left
    const want = moving ? Math.sign(err) * Math.min(vmax, Math.sqrt(2 * amax * Math.abs(err))) : 0;
    v += Math.max(-amax, Math.min(amax, want - v));
    pos = Math.min(1, Math.max(0, pos + v));
    return pos;
  });
}

/** The smoothed crop centre per frame; each shot (between `cuts`) is followed on its own. */
export function cameraPath(targets: number[], cuts: number[], fps: number): number[] {
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < targets.length), targets.length];
  const out: number[] = [];
  for (let s = 0; s + 1 < bounds.length; s++)
    out.push(...followShot(targets.slice(bounds[s], bounds[s + 1]), fps));
  return out;
}
