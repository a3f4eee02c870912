import { z } from "zod";

// Schema of models/<id>/manifest.json. Browser-safe (zod only) so the UI can read defaults too.

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected a lowercase hex sha256");

export const ZModelFile = z.object({
  file: z.string().min(1),
  sha256: ZSha256,
});

// A rectangle in fractions of the 224×224 frame; masked pixels become 0 after normalisation.
export const ZMaskRect = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().min(0).max(1),
  h: z.number().min(0).max(1),
});

export const ZSegmentParams = z.object({
  enter: z.number().min(0).max(1),
  exit: z.number().min(0).max(1),
  minLengthS: z.number().min(0),
  mergeGapS: z.number().min(0),
  preRollS: z.number().min(0),
  postRollS: z.number().min(0),
});

// How the head's probabilities are calibrated before anything uses them (lib/model/calibration.ts).
export const ZCalibration = z.object({
  method: z.literal("temperature"),
  temperature: z.number().positive(),
  // What the fit was measured on, for the model card (expected calibration error before/after).
  fittedOn: z.string().default(""),
  ece: z.object({ before: z.number(), after: z.number() }).optional(),
});

export const ZModelManifest = z.object({
  schema: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  version: z.string().min(1),
  description: z.string().default(""),
  backbone: ZModelFile.extend({
    input: z.string().default("input"),
    // What the backbone's input takes. "float32-nchw": [N, 3, size, size] floats, pre-processed by the
    // product (worker/inference/preprocess.ts toNchw). "rgb24": the sampled frames' bytes as ffmpeg
    // writes them, uint8 [N, size, size, 3]; the graph applies `preprocess` itself (the int8 backbone:
    // models/tools/quantize.sh builds this manifest's preprocess block into it).
    inputFormat: z.enum(["float32-nchw", "rgb24"]).default("float32-nchw"),
    output: z.string().default("features"),
    featureDim: z.number().int().positive(),
  }),
  preprocess: z.object({
    size: z.number().int().positive(),
    resize: z.enum(["squash"]),
    // x' = x * scale + offset, applied to 0..255 pixel values (p/128 - 1).
    scale: z.number(),
    offset: z.number(),
    mask: z.array(ZMaskRect).default([]),
  }),
  sampleRate: z.number().positive(),
  window: z.object({ frames: z.number().int().positive(), stride: z.number().int().positive() }),
  head: ZModelFile,
  // Issue #28: the coarse pass's per-frame candidate model (JSON weights); absent: no fast mode.
  candidate: ZModelFile.optional(),
  labels: ZModelFile.extend({ names: z.array(z.string().min(1)).min(2) }),
  segmentDefaults: z.record(z.string(), ZSegmentParams),
  calibration: ZCalibration.optional(),
  metrics: z.record(z.string(), z.unknown()).default({}),
  trainingData: z.object({ fingerprint: z.string(), note: z.string().default("") }),
});

export type TModelManifest = z.infer<typeof ZModelManifest>;
export type TSegmentParams = z.infer<typeof ZSegmentParams>;
export type TMaskRect = z.infer<typeof ZMaskRect>;
export type TCalibration = z.infer<typeof ZCalibration>;

// models/index.json names the model used when an analysis does not choose one.
export const ZModelIndex = z.object({ default: z.string().min(1) });
