// Sessions served by the inference thread: same answers as in-process sessions, errors come back as
// rejections (the thread lives on), and the JS thread stays free while a batch runs.
import { readFileSync, readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/lib/platform/env";
import { loadModel } from "@/lib/model";
import { backboneInput } from "./backbone";
import { disposeLocalSessions, disposeSessions, getSession, openLocalSession } from "./session";

afterAll(async () => {
  await disposeSessions();
  await disposeLocalSessions();
});

describe("inference thread", () => {
  it("gives the in-process session's outputs, bit for bit, and keeps the event loop turning", async () => {
    const model = await loadModel();
    const { backbone, preprocess } = model.manifest;
    const frame = (k: number) =>
      Uint8Array.from({ length: 3 * preprocess.size ** 2 }, (_, i) => (i * 7 + k * 31) & 255);
    const input = backboneInput(model, [0, 1, 2, 3, 4, 5, 6, 7].map(frame));
    const feeds = { [backbone.input]: input };

    const local = (await (await openLocalSession(model.backboneFile)).run(feeds, [backbone.output]))[
      backbone.output
    ]!;
    const remote = await getSession(model.backboneFile);
    // Timer ticks while the thread computes: on the JS thread a batch would block them all.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const t0 = performance.now();
    const out = (await remote.run(feeds, [backbone.output]))[backbone.output]!;
    const ms = performance.now() - t0;
    clearInterval(timer);

    expect(out.dims).toEqual(local.dims);
    expect(Buffer.compare(Buffer.from(out.data.buffer), Buffer.from(local.data.buffer))).toBe(0);
    expect(ticks).toBeGreaterThan(Math.min(5, ms / 10));
    // Not transferred: the caller's input is intact.
    expect(input.data.length).toBeGreaterThan(0);
    expect(input.data[9]).toBe(frame(0)[9]);
  });

  it("runs at INFERENCE_PRIORITY (SCHED_IDLE by default) while the rest of the process does not", async () => {
    const model = await loadModel();
    await getSession(model.headFile);
    // /proc/self/task/<tid>/stat: field 41 is the scheduling policy (5 = SCHED_IDLE, 0 = normal), the
    // 39th after the ")" that ends the thread's name.
    const policy = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[38]);
    };
    expect(env().INFERENCE_PRIORITY).toBe("idle");
    expect(readdirSync("/proc/self/task").map(policy)).toContain(5);
    expect(policy(String(process.pid))).toBe(0);
  });

  it("rejects a model that cannot be loaded with onnxruntime's reason, and goes on serving", async () => {
    const err = await getSession("/nonexistent/model.onnx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/nonexistent\/model\.onnx/);

    const model = await loadModel();
    const head = await getSession(model.headFile);
    expect(head.outputNames.length).toBeGreaterThan(0);
  });
});
