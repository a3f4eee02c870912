import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listModels, loadModel } from "@/lib/model";
import { parityDiff } from "../learn/evaluate";
import { disposeSessions } from "./session";

afterAll(() => disposeSessions());

describe("head ONNX parity", () => {
  it.each(listModels())(
    "%s matches the trainer's PyTorch outputs on fixed inputs within 1e-4",
    async (id) => {
      const model = await loadModel(id);
      const { maxDiff, rows, batch } = await parityDiff(model, path.join(model.dir, "parity.json"));
      expect(rows).toBe(batch);
      expect(maxDiff).toBeLessThanOrEqual(1e-4);
    },
  );
});
