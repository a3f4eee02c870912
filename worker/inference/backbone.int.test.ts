import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel, modelRoots, resolveFile } from "@/lib/model";
import { sharedClip } from "@/test/fixtures";
import { readFrames } from "../ffmpeg/frames";
import { BACKBONE_BATCH, backboneInput, embedFrames } from "./backbone";
import { maskPlane, toNchw } from "./preprocess";
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
  it("takes rgb24 frames and keeps the float model's features on real frames", async () => {
    const model = await loadModel("penalty-lstm");
    const { backbone, preprocess } = model.manifest;
    expect(path.basename(model.backboneFile)).not.toBe(FLOAT);
    expect(backbone.inputFormat).toBe("rgb24");
    const frames = await framesOf(CLIP, 8);
    expect(frames).toHaveLength(8);

    // The int8 graph normalises and masks the bytes itself; the float one gets toNchw's tensor.
    const q = await embedFrames(model, frames);
    const floatSession = await getSession(resolveFile(FLOAT, modelRoots()));
    const floatInput = {
      data: toNchw(frames, preprocess, 8),
      dims: [8, 3, preprocess.size, preprocess.size],
    };
    const f = (await floatSession.run({ [floatSession.inputNames[0]!]: floatInput }, [backbone.output]))[
      backbone.output
    ]!.data;
    const D = backbone.featureDim;
    for (let n = 0; n < 8; n++) {
      const sim = cosine(q.subarray(n * D, (n + 1) * D), f.subarray(n * D, (n + 1) * D));
      expect(sim, `frame ${n} feature cosine`).toBeGreaterThan(0.95);
    }
  });

  it("applies the manifest's corner mask inside the graph", async () => {
    const model = await loadModel("penalty-lstm");
    const { preprocess } = model.manifest;
    const S = preprocess.size;
    const [frame] = await framesOf(CLIP, 1);
    const masked = maskPlane(S, preprocess.mask);
    const inside = masked.indexOf(1);
    const outside = masked.indexOf(0);
    expect(inside).toBeGreaterThanOrEqual(0);

    // Scribbling over every masked pixel changes nothing; one unmasked pixel changes the features.
    const scribbled = frame!.slice();
    for (let p = 0; p < S * S; p++) if (masked[p]) scribbled.fill((p * 37) & 255, 3 * p, 3 * p + 3);
    const touched = frame!.slice();
    touched.fill(touched[3 * outside]! ^ 0xff, 3 * outside, 3 * outside + 3);
    const [a, b, c] = [
      await embedFrames(model, [frame!]),
      await embedFrames(model, [scribbled]),
      await embedFrames(model, [touched]),
    ];
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(c.buffer))).not.toBe(0);
  });

  it("sizes a short batch like a full one", () => {
    return loadModel("penalty-lstm").then((model) => {
      const S = model.manifest.preprocess.size;
      const input = backboneInput(model, [new Uint8Array(S * S * 3)]);
      expect(input.dims).toEqual([BACKBONE_BATCH, S, S, 3]);
      expect(input.data.length).toBe(BACKBONE_BATCH * S * S * 3);
    });
  });
});
