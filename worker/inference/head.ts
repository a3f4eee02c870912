import type { LoadedModel } from "@/lib/model";
import { getSession } from "./session";

// windows: [count × T × featureDim] → [count × labels] probabilities. transferInput: the caller is
// done with `windows` (a 5-minute chunk's sliding windows are ~50 MB: moved, not copied, to the thread).
export async function scoreWindows(
  model: LoadedModel,
  windows: Float32Array,
  count: number,
  { transferInput = false } = {},
): Promise<Float32Array> {
  const T = model.manifest.window.frames;
  const D = model.manifest.backbone.featureDim;
  if (windows.length !== count * T * D)
    throw new Error(`expected ${count}×${T}×${D} floats, got ${windows.length}`);
  if (count === 0) return new Float32Array(0);
  const session = await getSession(model.headFile);
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  const out = await session.run({ [input!]: { data: windows, dims: [count, T, D] } }, [output!], {
    transferInputs: transferInput,
  });
  const probs = out[output!]!;
  if (probs.dims[1] !== model.labels.length) {
    throw new Error(
      `head ${model.headFile} outputs ${probs.dims[1]} classes, labels file has ${model.labels.length}`,
    );
  }
  return probs.data;
}
