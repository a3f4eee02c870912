// Worker-thread entry: holds the onnxruntime sessions and runs them off the main JS thread
// (see session.ts for why). One request at a time per message, answered by id.
import { readlinkSync } from "node:fs";
import path from "node:path";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { env } from "../../lib/env";
import { childLogger } from "../../lib/logger";
import { disposeLocalSessions, openLocalSession, type Tensor } from "./session";
import type { ThreadReply, ThreadRequest } from "./session-client";

const port = parentPort;
if (!port) throw new Error("session-thread.ts runs as a worker thread only");

// Decoding sets an analysis' pace: inference should use the cores' idle gaps, not take turns with
// ffmpeg. On Linux setpriority() on a thread id changes that thread alone, and the threads
// onnxruntime starts from it inherit the value. Done before any session exists.
function lowerPriority(nice: number): void {
  if (nice === 0) return;
  try {
    setPriority(Number(path.basename(readlinkSync("/proc/thread-self"))), nice);
  } catch (err) {
    childLogger({ module: "inference" }).warn(
      { err, nice },
      "could not lower the inference thread's priority",
    );
  }
}
lowerPriority(env().INFERENCE_NICE);

function buffersOf(tensors: Record<string, Tensor>): ArrayBuffer[] {
  return Object.values(tensors).map((t) => t.data.buffer as ArrayBuffer);
}

async function answer(req: ThreadRequest): Promise<[ThreadReply, ArrayBuffer[]]> {
  if (req.op === "open") {
    const s = await openLocalSession(req.file, { optimize: req.optimize });
    const info = { provider: s.provider, inputNames: [...s.inputNames], outputNames: [...s.outputNames] };
    return [{ id: req.id, ok: true, info }, []];
  }
  if (req.op === "run") {
    const s = await openLocalSession(req.file, { optimize: req.optimize });
    const outputs = await s.run(req.feeds, req.outputs);
    return [{ id: req.id, ok: true, outputs }, buffersOf(outputs)];
  }
  await disposeLocalSessions();
  return [{ id: req.id, ok: true }, []];
}

port.on("message", (req: ThreadRequest) => {
  answer(req).then(
    ([reply, transfer]) => port.postMessage(reply, transfer),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ id: req.id, ok: false, error: { message: e.message, stack: e.stack } });
    },
  );
});
