import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel, modelRoots, resolveFile } from "../../lib/model";
import { sharedClip } from "../../test/fixtures";
import { readFrames } from "../ffmpeg/frames";
import { toNchw } from "./preprocess";
import { disposeSessions, getSession } from "./session";

afterAll(() => disposeSessions());

// The product's int8 backbone (models/tools/quantize.sh) against the float ONNX it was made from, on
// frames the calibration never saw (a validation-split clip), through the product's decode.
const CLIP = sharedClip("clips/penalty/wc2022-ned-arg/tiago_pba-arg-wc2022-3.mp4");
const FLOAT = "mobilenet_v2_1.0_224.onnx";

async function framesOf(file: string, n: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const f of readFrames({ input: file, rate: 4, size: 224, hwaccel: null })) {
    out.push(f.rgb);
    if (out.length === n) break;
  }
  return out;
}

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k]! * b[k]!;
    na += a[k]! * a[k]!;
    nb += b[k]! * b[k]!;
  }
  return dot / Math.sqrt(na * nb);
};

describe("int8 backbone", () => {
  it("keeps the float model's features and ImageNet answers on real frames", async () => {
    const model = await loadModel("penalty-lstm");
    const { backbone, preprocess } = model.manifest;
    expect(path.basename(model.backboneFile)).not.toBe(FLOAT);
    const floatFile = resolveFile(FLOAT, modelRoots());
    const frames = await framesOf(CLIP, 8);
    expect(frames).toHaveLength(8);
    const input = { data: toNchw(frames, preprocess, 8), dims: [8, 3, preprocess.size, preprocess.size] };

    const run = async (file: string) =>
      (await getSession(file)).run({ [backbone.input]: input }, [backbone.output, "probs"]);
    const [q, f] = [await run(model.backboneFile), await run(floatFile)];
    const D = backbone.featureDim;
    const labels = readFileSync(resolveFile("imagenet_labels.txt", modelRoots()), "utf8").split("\n");
    const top5 = (probs: Float32Array, n: number) =>
      [...probs.subarray(n * 1001, (n + 1) * 1001)]
        .map((p, i) => [p, i] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 5)
        .map(([, i]) => labels[i]);
    for (let n = 0; n < 8; n++) {
      const sim = cosine(
        q.features!.data.subarray(n * D, (n + 1) * D),
        f.features!.data.subarray(n * D, (n + 1) * D),
      );
      expect(sim, `frame ${n} feature cosine`).toBeGreaterThan(0.95);
    }
    // The ImageNet classifier still agrees: each frame's int8 top-1 class is in the float top 5.
    for (let n = 0; n < 8; n++) expect(top5(f.probs!.data, n)).toContain(top5(q.probs!.data, n)[0]);
  });
});
