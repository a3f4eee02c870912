import type { TCalibration } from "./manifest";

/**
 * Temperature scaling of a head's softmax output, in place: p'_c ∝ p_c^(1/T), i.e. the logits divided
 * by T. A temperature fitted on the validation split (models/tools/train.py) makes a score of 0.9 mean
 * "right about nine times in ten" there; T > 1 softens the 0.9999s the head gives to anything near a
 * goal. Monotonic per class, so it changes what a threshold means, never the order of two windows.
 */
export function calibrate(cal: TCalibration | undefined, probs: Float32Array, classes: number): Float32Array {
  if (!cal || cal.temperature === 1) return probs;
  const inv = 1 / cal.temperature;
  for (let i = 0; i < probs.length; i += classes) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const v = Math.pow(Math.max(probs[i + c]!, 1e-30), inv);
      probs[i + c] = v;
      sum += v;
    }
    for (let c = 0; c < classes; c++) probs[i + c] = probs[i + c]! / sum;
  }
  return probs;
}
