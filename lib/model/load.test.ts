import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listModels, loadModel } from "./load";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

function install(
  root: string,
  id: string,
  files: Record<string, string>,
  overrides: Record<string, unknown> = {},
) {
  mkdirSync(path.join(root, id), { recursive: true });
  for (const [f, c] of Object.entries(files)) writeFileSync(path.join(root, id, f), c);
  const manifest = {
    schema: 1,
    id,
    version: "1",
    backbone: { file: "bb.onnx", sha256: sha("bb"), featureDim: 4 },
    preprocess: { size: 224, resize: "squash", scale: 1 / 128, offset: -1 },
    sampleRate: 4,
    window: { frames: 16, stride: 2 },
    head: { file: "head.onnx", sha256: sha("head") },
    labels: { file: "labels.txt", sha256: sha("background\npenalty\n"), names: ["background", "penalty"] },
    segmentDefaults: {},
    trainingData: { fingerprint: "x" },
    ...overrides,
  };
  writeFileSync(path.join(root, id, "manifest.json"), JSON.stringify(manifest));
}

describe("loadModel", () => {
  it("resolves files beside the manifest, then in the shared root, and checks sha256", async () => {
    const a = mkdtempSync(path.join(tmpdir(), "models-"));
    const shared = mkdtempSync(path.join(tmpdir(), "shared-"));
    writeFileSync(path.join(shared, "bb.onnx"), "bb");
    install(a, "m1", { "head.onnx": "head", "labels.txt": "background\npenalty\n" });
    const m = await loadModel("m1", [a, shared]);
    expect(m.backboneFile).toBe(path.join(shared, "bb.onnx"));
    expect(m.labels).toEqual(["background", "penalty"]);
    expect(listModels([a, shared])).toEqual(["m1"]);
  });

  it("names the missing file and every place it looked", async () => {
    const a = mkdtempSync(path.join(tmpdir(), "models-"));
    install(a, "m2", { "head.onnx": "head", "labels.txt": "background\npenalty\n" });
    await expect(loadModel("m2", [a])).rejects.toThrow(/"bb\.onnx" not found; looked in:\n.*m2\/bb\.onnx/);
  });

  it("rejects a file whose sha256 differs from the manifest", async () => {
    const a = mkdtempSync(path.join(tmpdir(), "models-"));
    install(a, "m3", { "bb.onnx": "bb", "head.onnx": "tampered", "labels.txt": "background\npenalty\n" });
    await expect(loadModel("m3", [a])).rejects.toThrow(/head\.onnx has sha256 .* expects/);
  });

  it("uses index.json for the default model", async () => {
    const a = mkdtempSync(path.join(tmpdir(), "models-"));
    install(a, "m4", { "bb.onnx": "bb", "head.onnx": "head", "labels.txt": "background\npenalty\n" });
    install(a, "m5", { "bb.onnx": "bb", "head.onnx": "head", "labels.txt": "background\npenalty\n" });
    writeFileSync(path.join(a, "index.json"), JSON.stringify({ default: "m5" }));
    expect((await loadModel(undefined, [a])).manifest.id).toBe("m5");
  });
});
