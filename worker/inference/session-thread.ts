// Worker-thread entry: holds the onnxruntime sessions and runs them off the main JS thread
// (see session.ts for why). One request at a time per message, answered by id.
import { execFileSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import path from "node:path";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { env } from "@/lib/platform/env";
import { childLogger, logToStderr } from "@/lib/platform/logger";
import { disposeLocalSessions, openLocalSession, type Tensor } from "./session";
import type { ThreadReply, ThreadRequest } from "./session-client";

const port = parentPort;
if (!port) throw new Error("session-thread.ts runs as a worker thread only");
if ((workerData as { logToStderr?: boolean } | null)?.logToStderr) logToStderr();

// Decoding sets an analysis' pace: inference should only use the time the decoder leaves idle, not
// take turns with ffmpeg. On Linux a thread id names that thread alone, and the threads onnxruntime
// starts from this one inherit its scheduling; so this runs before any session exists.
// - "idle": SCHED_IDLE (Node has no sched_setscheduler, util-linux's chrt does): a normal thread that
//   wakes up preempts it at once. At nice 19 a waking ffmpeg thread could wait out the running
//   slice: alternating A/B rounds on the 120 s bench file, median ratio 1.23 / 1.21 at nice 19 vs
//   1.15 / 1.17 with SCHED_IDLE.
// - "low": nice 19 (setpriority); also the fallback when chrt is missing.
function lowerPriority(mode: "idle" | "low" | "normal"): void {
  if (mode === "normal") return;
  const log = childLogger({ module: "inference" });
  try {
    const tid = path.basename(readlinkSync("/proc/thread-self"));
    if (mode === "idle") {
      try {
        execFileSync("chrt", ["--idle", "-p", "0", tid], { stdio: ["ignore", "ignore", "pipe"] });
        return;
      } catch (err) {
        log.warn({ err }, "SCHED_IDLE unavailable (util-linux chrt); the inference thread runs at nice 19");
      }
    }
    setPriority(Number(tid), 19);
  } catch (err) {
    log.warn({ err, mode }, "could not lower the inference thread's priority");
  }
}
lowerPriority(env().INFERENCE_PRIORITY);

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
