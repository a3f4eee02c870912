// Pure pixel → tensor conversion, shared by serving and by models/tools feature extraction so the
// trainer sees exactly what the product feeds the backbone. A backbone whose manifest says
// `inputFormat: "rgb24"` does this inside its graph and gets the bytes (packRgb24); a float one gets
// toNchw's tensor.

export interface MaskRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PreprocessSpec {
  size: number;
  scale: number;
  offset: number;
  mask: readonly MaskRect[];
}

// Per-pixel flag: 1 where a corner mask hides broadcast overlays (scoreboards, watermarks) that
// would otherwise be a shortcut (see ../shared/data/README.md on the Bundesliga frames).
export function maskPlane(size: number, mask: readonly MaskRect[]): Uint8Array {
  const plane = new Uint8Array(size * size);
  for (const r of mask) {
    const x0 = Math.round(r.x * size);
    const y0 = Math.round(r.y * size);
    const x1 = Math.min(size, Math.round((r.x + r.w) * size));
    const y1 = Math.min(size, Math.round((r.y + r.h) * size));
    for (let y = y0; y < y1; y++) plane.fill(1, y * size + x0, y * size + x1);
  }
  return plane;
}

// Bytes of a batch of `batchSize` rgb24 frames as one [batchSize, size, size, 3] buffer (rows past
// frames.length stay 0, like toNchw's, so every batch has one shape).
export function packRgb24(
  frames: readonly Uint8Array[],
  size: number,
  batchSize = frames.length,
): Uint8Array {
  const bytes = size * size * 3;
  if (frames.length > batchSize)
    throw new Error(`${frames.length} frames do not fit a batch of ${batchSize}`);
  const out = new Uint8Array(batchSize * bytes);
  frames.forEach((f, n) => {
    if (f.length !== bytes) throw new Error(`frame ${n} has ${f.length} bytes, expected ${bytes}`);
    out.set(f, n * bytes);
  });
  return out;
}

// rgb24 HWC frames → float32 NCHW batch of `batchSize` (rows past frames.length stay 0, so a short
// last batch has the same shape as the others and every frame's features are computed alike).
// This runs on the JS thread for every sampled frame while ffmpeg decodes beside it: a 256-entry
// table (the same float32 values as p * scale + offset) and flat loops keep it to a fraction of a ms.
export function toNchw(
  frames: readonly Uint8Array[],
  spec: PreprocessSpec,
  batchSize = frames.length,
): Float32Array {
  const hw = spec.size * spec.size;
  if (frames.length > batchSize)
    throw new Error(`${frames.length} frames do not fit a batch of ${batchSize}`);
  const out = new Float32Array(batchSize * 3 * hw);
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = v * spec.scale + spec.offset;
  const masked = spec.mask.length ? maskPlane(spec.size, spec.mask) : undefined;
  for (let n = 0; n < frames.length; n++) {
    const rgb = frames[n]!;
    if (rgb.length !== hw * 3) throw new Error(`frame ${n} has ${rgb.length} bytes, expected ${hw * 3}`);
    const r = n * 3 * hw;
    const g = r + hw;
    const b = g + hw;
    for (let p = 0, i = 0; p < hw; p++, i += 3) {
      out[r + p] = lut[rgb[i]!]!;
      out[g + p] = lut[rgb[i + 1]!]!;
      out[b + p] = lut[rgb[i + 2]!]!;
    }
    if (masked) {
      for (let p = 0; p < hw; p++) {
        if (masked[p]) out[r + p] = out[g + p] = out[b + p] = 0;
      }
    }
  }
  return out;
}
