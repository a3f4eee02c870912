import type { LoadedModel } from "../../lib/model";
import { toNchw } from "./preprocess";
import { getSession } from "./session";

// Fixed batch shape: every frame's features come from the same kernels whatever its neighbours,
// so chunked and whole-file runs give bit-identical features.
export const BACKBONE_BATCH = 8;

// frames (≤ BACKBONE_BATCH rgb24 images) → [frames.length × featureDim] features.
export async function embedFrames(model: LoadedModel, frames: readonly Uint8Array[]): Promise<Float32Array> {
  const { backbone, preprocess } = model.manifest;
  const session = await getSession(model.backboneFile);
  const input = toNchw(frames, preprocess, BACKBONE_BATCH);
  const out = await session.run(
    { [backbone.input]: { data: input, dims: [BACKBONE_BATCH, 3, preprocess.size, preprocess.size] } },
    [backbone.output],
    { transferInputs: true },
  );
  const features = out[backbone.output];
  if (!features || features.dims[1] !== backbone.featureDim) {
    throw new Error(`backbone output "${backbone.output}" is not [N, ${backbone.featureDim}]`);
  }
  return features.data.slice(0, frames.length * backbone.featureDim);
}
