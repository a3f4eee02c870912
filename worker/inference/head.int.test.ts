import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listModels, loadModel } from "@/lib/model";
import { scoreWindows } from "./head";
import { disposeSessions } from "./session";

afterAll(() => disposeSessions());

describe("head ONNX parity", () => {
  it.each(listModels())(
    "%s matches the trainer's PyTorch outputs on fixed inputs within 1e-4",
    async (id) => {
      const model = await loadModel(id);
      const fixture = JSON.parse(readFileSync(path.join(model.dir, "parity.json"), "utf8")) as {
        shape: number[];
        probs: number[][];
      };
      const [B, T, D] = fixture.shape as [number, number, number];
      // Same formula as models/tools/train.py parity_input: float64 then rounded to float32.
      const x = Float32Array.from({ length: B * T * D }, (_, i) => (Math.sin(0.37 * i) + 1) * 1.5);
      const probs = await scoreWindows(model, x, B);
      const C = model.labels.length;
      let maxDiff = 0;
      fixture.probs.forEach((row, b) =>
        row.forEach((p, c) => (maxDiff = Math.max(maxDiff, Math.abs(p - probs[b * C + c]!)))),
      );
      expect(fixture.probs.length).toBe(B);
      expect(maxDiff).toBeLessThanOrEqual(1e-4);
    },
  );
});
