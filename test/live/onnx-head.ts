// Test support: writes a tiny ONNX "head" (mean over the window → linear → softmax) with a hand-rolled
// protobuf encoder, so the live plumbing can be tested end to end with real onnxruntime before (and
// independently of) the trained head. Its scores depend on the frames, so they can be compared.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

type Field = [number, "varint", number] | [number, "bytes", Uint8Array | string];

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function msg(fields: Field[]): Uint8Array {
  const parts: number[] = [];
  for (const [no, kind, value] of fields) {
    if (kind === "varint") parts.push(...varint(no << 3), ...varint(value));
    else {
      const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
      parts.push(...varint((no << 3) | 2), ...varint(bytes.length));
      for (const b of bytes) parts.push(b);
    }
  }
  return Uint8Array.from(parts);
}

const dim = (d: number | string): Field => [
  1,
  "bytes",
  msg([typeof d === "number" ? [1, "varint", d] : [2, "bytes", d]]),
];
const valueInfo = (name: string, dims: (number | string)[]): Field[] => [
  [1, "bytes", name],
  [
    2,
    "bytes",
    msg([
      [
        1,
        "bytes",
        msg([
          [1, "varint", 1],
          [2, "bytes", msg(dims.map(dim))],
        ]),
      ],
    ]),
  ],
];
const tensor = (name: string, dims: number[], data: Float32Array): Uint8Array =>
  msg([
    ...dims.map((d): Field => [1, "varint", d]),
    [2, "varint", 1],
    [8, "bytes", name],
    [9, "bytes", new Uint8Array(data.buffer)],
  ]);
const node = (op: string, inputs: string[], outputs: string[], attrs: Uint8Array[] = []): Uint8Array =>
  msg([
    ...inputs.map((i): Field => [1, "bytes", i]),
    ...outputs.map((o): Field => [2, "bytes", o]),
    [4, "bytes", op],
    ...attrs.map((a): Field => [5, "bytes", a]),
  ]);

export function headOnnx(T: number, D: number, classes: number, seed = 7): Uint8Array {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const W = Float32Array.from({ length: D * classes }, () => rnd() * 0.2);
  const b = new Float32Array(classes);
  const graph = msg([
    [
      1,
      "bytes",
      node(
        "ReduceMean",
        ["x"],
        ["m"],
        [
          msg([
            [1, "bytes", "axes"],
            [8, "varint", 1],
            [20, "varint", 7],
          ]),
          msg([
            [1, "bytes", "keepdims"],
            [3, "varint", 0],
            [20, "varint", 2],
          ]),
        ],
      ),
    ],
    [1, "bytes", node("MatMul", ["m", "W"], ["l"])],
    [1, "bytes", node("Add", ["l", "b"], ["z"])],
    [
      1,
      "bytes",
      node(
        "Softmax",
        ["z"],
        ["probs"],
        [
          msg([
            [1, "bytes", "axis"],
            [3, "varint", 1],
            [20, "varint", 2],
          ]),
        ],
      ),
    ],
    [2, "bytes", "test-head"],
    [5, "bytes", tensor("W", [D, classes], W)],
    [5, "bytes", tensor("b", [classes], b)],
    [11, "bytes", msg(valueInfo("x", ["N", T, D]))],
    [12, "bytes", msg(valueInfo("probs", ["N", classes]))],
  ]);
  return msg([
    [1, "varint", 8],
    [2, "bytes", "matchcut-test"],
    [7, "bytes", graph],
    [
      8,
      "bytes",
      msg([
        [1, "bytes", ""],
        [2, "varint", 13],
      ]),
    ],
  ]);
}

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/**
 * Writes `<root>/<id>/{manifest.json, head.onnx, labels.txt}` next to a copy of the real manifest's
 * backbone reference (file, input name and format) and pre-processing, so loadModel finds the real
 * backbone and this head: the shared float one, or one kept in `backboneDir` (the repository's
 * models/, e.g. the int8 backbone, which takes rgb24 frames), linked into `root`.
 */
export async function writeTestModel(
  root: string,
  base: { backbone: { file: string; sha256: string }; preprocess?: unknown },
  segmentDefaults: Record<string, unknown> = {},
  id = "live-test",
  backboneDir = "models",
) {
  const dir = path.join(root, id);
  await mkdir(dir, { recursive: true });
  const backbone = path.resolve(backboneDir, base.backbone.file);
  const linked = path.join(root, base.backbone.file);
  if (existsSync(backbone) && backbone !== linked) {
    await rm(linked, { force: true });
    await symlink(backbone, linked);
  }
  const head = headOnnx(16, 1280, 2);
  const labels = "background\npenalty\n";
  await writeFile(path.join(dir, "head.onnx"), head);
  await writeFile(path.join(dir, "labels.txt"), labels);
  const manifest = {
    schema: 1,
    id,
    version: "test",
    backbone: { input: "input", ...base.backbone, output: "features", featureDim: 1280 },
    preprocess: base.preprocess ?? { size: 224, resize: "squash", scale: 0.0078125, offset: -1, mask: [] },
    sampleRate: 4,
    window: { frames: 16, stride: 2 },
    head: { file: "head.onnx", sha256: sha(head) },
    labels: { file: "labels.txt", sha256: sha(labels), names: ["background", "penalty"] },
    segmentDefaults,
    trainingData: { fingerprint: "test", note: "" },
  };
  await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return { id, dir };
}
