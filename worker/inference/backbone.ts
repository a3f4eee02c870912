import type { LoadedModel } from "@/lib/model";
import { packRgb24, toNchw } from "./preprocess";
import { getSession, type InputTensor } from "./session";

// Fixed batch shape: every frame's features come from the same kernels whatever its neighbours,
// so chunked and whole-file runs give bit-identical features.
export const BACKBONE_BATCH = 8;

// The backbone's input for up to BACKBONE_BATCH frames, in the format its manifest declares.
export function backboneInput(model: LoadedModel, frames: readonly Uint8Array[]): InputTensor {
  const { backbone, preprocess } = model.manifest;
  const S = preprocess.size;
  return backbone.inputFormat === "rgb24"
    ? { data: packRgb24(frames, S, BACKBONE_BATCH), dims: [BACKBONE_BATCH, S, S, 3] }
    : { data: toNchw(frames, preprocess, BACKBONE_BATCH), dims: [BACKBONE_BATCH, 3, S, S] };
}

// frames (≤ BACKBONE_BATCH rgb24 images) → [frames.length × featureDim] features.
export async function embedFrames(model: LoadedModel, frames: readonly Uint8Array[]): Promise<Float32Array> {
  const { backbone } = model.manifest;
  const session = await getSession(model.backboneFile);
  const out = await session.run({ [backbone.input]: backboneInput(model, frames) }, [backbone.output], {
    transferInputs: true,
  });
  const features = out[backbone.output];
  if (!features || features.dims[1] !== backbone.featureDim) {
    throw new Error(`backbone output "${backbone.output}" is not [N, ${backbone.featureDim}]`);
  }
  return features.data.slice(0, frames.length * backbone.featureDim);
}
