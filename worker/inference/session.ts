import { availableParallelism } from "node:os";
import * as ort from "onnxruntime-node";
import { env } from "@/lib/platform/env";
import { childLogger } from "@/lib/platform/logger";
import { memoSession } from "./session-client";
import type { ModelSession, Tensor } from "./tensor";

// The only importer of onnxruntime-node. Callers see plain Float32Arrays and dims.
//
// onnxruntime-node's run() is synchronous on the calling thread (its promise only defers the call
// with setImmediate), so a backbone batch on the JS thread stopped everything else there: ffmpeg's
// stdout went undrained and the decoder blocked on a full pipe, and BullMQ's lock renewals waited.
// So callers get getSession(), whose sessions live in one worker thread (./session-thread.ts ->
// ./session-client.ts); openLocalSession() is what that thread runs.

// The shapes live in ./tensor.ts, which the thread's client imports too (so neither file imports the
// other). Callers keep importing them from here.
export type { InputTensor, ModelSession, Tensor } from "./tensor";

const log = () => childLogger({ module: "inference" });
const sessions = new Map<string, Promise<ModelSession>>();
let providerLogged = false;

// Half the cores by default (one on 2 cores), inter-op 1 as these graphs are a single chain. The
// decoder sets the pace of an analysis; inference runs beside it at a low priority (session-thread.ts)
// and keeps up with one thread. Measured on 2 cores, 120 s bench file, 5 alternating rounds: with 2
// threads an intra-op parallel section takes both cores from ffmpeg at every layer (median ratio to the
// bare decode 1.24-1.26), with 1 thread and nice 19 1.14-1.16.
export function ortThreads(): number {
  return env().ORT_THREADS ?? Math.max(1, Math.floor(availableParallelism() / 2));
}

function options(providers: string[], optimize = true): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: providers,
    intraOpNumThreads: ortThreads(),
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: optimize ? "all" : "disabled",
    // ORT's pool busy-waits between runs by default; that would steal the cores ffmpeg decodes on.
    extra: { session: { intra_op: { allow_spinning: "0" } } },
  };
}

// optimize: false runs the graph node by node as written (models/tools' calibration reads every
// intermediate tensor and must see the unfused float values).
async function create(file: string, optimize: boolean): Promise<ModelSession> {
  const wanted = env().ORT_PROVIDER;
  let provider: "cuda" | "cpu" = "cpu";
  let why = wanted === "cpu" ? "ORT_PROVIDER=cpu" : "";
  let session: ort.InferenceSession | undefined;
  if (wanted !== "cpu") {
    // The failed CUDA probe logs a native error on CPU-only hosts; our one line below says it instead.
    const level = ort.env.logLevel;
    ort.env.logLevel = "fatal";
    try {
      session = await ort.InferenceSession.create(file, {
        ...options(["cuda", "cpu"], optimize),
        logSeverityLevel: 4,
      });
      provider = "cuda";
      why = `ORT_PROVIDER=${wanted} and the CUDA provider loaded`;
    } catch (err) {
      if (wanted === "cuda" && !providerLogged) log().warn({ err }, "CUDA requested but unavailable");
      why = `ORT_PROVIDER=${wanted} but CUDA is unavailable (${String((err as Error).message).split("\n")[0]})`;
    } finally {
      ort.env.logLevel = level;
    }
  }
  session ??= await ort.InferenceSession.create(file, options(["cpu"], optimize));
  if (!providerLogged) {
    providerLogged = true;
    log().info(
      { provider, file, threads: ortThreads() },
      `onnxruntime execution provider: ${provider} (${why})`,
    );
  }
  const s = session;
  return {
    file,
    provider,
    inputNames: s.inputNames,
    outputNames: s.outputNames,
    async run(feeds, outputs) {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds))
        ortFeeds[name] =
          t.data instanceof Uint8Array
            ? new ort.Tensor("uint8", t.data, [...t.dims])
            : new ort.Tensor("float32", t.data, [...t.dims]);
      const res = outputs ? await s.run(ortFeeds, [...outputs]) : await s.run(ortFeeds);
      const out: Record<string, Tensor> = {};
      // A copy in JS-owned memory, so the thread can transfer it without a second copy.
      for (const [name, t] of Object.entries(res))
        out[name] = { data: new Float32Array(t.data as Float32Array), dims: t.dims };
      return out;
    },
    release: () => s.release(),
  };
}

export function openLocalSession(file: string, { optimize = true } = {}): Promise<ModelSession> {
  return memoSession(sessions, file, optimize, create);
}

export async function disposeLocalSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  await Promise.allSettled(all.map(async (p) => (await p).release()));
}

export { disposeSessions, getSession } from "./session-client";
