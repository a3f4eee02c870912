// Worker-thread entry: holds the onnxruntime sessions and runs them off the main JS thread
// (see session.ts for why). One request at a time per message, answered by id.
import { parentPort } from "node:worker_threads";
import { disposeLocalSessions, openLocalSession, type Tensor } from "./session";
import type { ThreadReply, ThreadRequest } from "./session-client";

const port = parentPort;
if (!port) throw new Error("session-thread.ts runs as a worker thread only");

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
