// getSession(): onnxruntime sessions that run in one worker thread (./session-thread.ts), so the JS
// thread keeps draining ffmpeg and renewing job locks while a batch is scored (see session.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { logsToStderr } from "@/lib/platform/logger";
import type { InputTensor, ModelSession, Tensor } from "./tensor";

interface SessionInfo {
  provider: "cuda" | "cpu";
  inputNames: string[];
  outputNames: string[];
}

type ThreadCall =
  | { op: "open"; file: string; optimize: boolean }
  | { op: "run"; file: string; optimize: boolean; feeds: Record<string, InputTensor>; outputs?: string[] }
  | { op: "dispose" };

export type ThreadRequest = ThreadCall & { id: number };

export type ThreadReply =
  | { id: number; ok: true; info?: SessionInfo; outputs?: Record<string, Tensor> }
  | { id: number; ok: false; error: { message: string; stack?: string } };

interface Pending {
  resolve: (reply: ThreadReply & { ok: true }) => void;
  reject: (err: Error) => void;
}

let thread: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
const sessions = new Map<string, Promise<ModelSession>>();

// The thread entry is TypeScript, and on Node 20 a worker thread does not inherit the loader hooks
// tsx registered in this one (nor has vitest any): the thread registers tsx's loader, then loads it.
function bootstrap(): string {
  // tsx's "./esm/api" export, import condition (require.resolve would pick the CommonJS one).
  const pkg = createRequire(import.meta.url).resolve("tsx/package.json");
  const tsx = pathToFileURL(path.join(path.dirname(pkg), "dist/esm/api/index.mjs")).href;
  const entry = new URL("./session-thread.ts", import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  sessions.clear();
  thread = undefined;
}

function startThread(): Worker {
  // A thread has its own module state: tell it where this process sends its log lines.
  const w = new Worker(bootstrap(), { eval: true, workerData: { logToStderr: logsToStderr() } });
  w.on("message", (reply: ThreadReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (reply.ok) p.resolve(reply);
    else p.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
  });
  w.on("error", (err) => {
    if (thread === w) failAll(err);
  });
  w.on("exit", (code) => {
    if (thread === w) failAll(new Error(`inference thread exited (code ${code})`));
  });
  return w;
}

// While a call is out the thread keeps the process alive; idle, it does not hold the process open.
function call(req: ThreadCall, transfer: ArrayBuffer[] = []): Promise<ThreadReply & { ok: true }> {
  thread ??= startThread();
  const id = nextId++;
  thread.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    thread!.postMessage({ ...req, id }, transfer);
  });
}

async function open(file: string, optimize: boolean): Promise<ModelSession> {
  const { info } = await call({ op: "open", file, optimize });
  if (!info) throw new Error(`inference thread opened ${file} without describing it`);
  return {
    file,
    ...info,
    async run(feeds, outputs, opts) {
      const transfer = opts?.transferInputs
        ? Object.values(feeds).map((t) => t.data.buffer as ArrayBuffer)
        : [];
      const req = { op: "run" as const, file, optimize, feeds, outputs: outputs && [...outputs] };
      const reply = await call(req, transfer);
      return reply.outputs ?? {};
    },
    // Sessions are released together by disposeSessions(); one file's session is small.
    release: async () => undefined,
  };
}

// One session per (file, optimize) in `cache`; a failed open is forgotten so the next call retries.
export function memoSession(
  cache: Map<string, Promise<ModelSession>>,
  file: string,
  optimize: boolean,
  open: (file: string, optimize: boolean) => Promise<ModelSession>,
): Promise<ModelSession> {
  const key = `${file}\0${optimize}`;
  let s = cache.get(key);
  if (!s) {
    s = open(file, optimize);
    s.catch(() => cache.delete(key));
    cache.set(key, s);
  }
  return s;
}

export function getSession(file: string, { optimize = true } = {}): Promise<ModelSession> {
  return memoSession(sessions, file, optimize, open);
}

export async function disposeSessions(): Promise<void> {
  const w = thread;
  if (!w) return;
  try {
    await call({ op: "dispose" });
  } finally {
    sessions.clear();
    thread = undefined;
    await w.terminate();
  }
}
