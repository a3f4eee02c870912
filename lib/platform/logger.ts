import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { env } from "./env";

let root: pino.Logger | undefined;
let destination: "stdout" | "stderr" | { file: string } = "stdout";

/**
 * For command-line tools whose stdout is their result (`npm run detect -- f --json`): log lines go to
 * stderr, so stdout stays one parseable document. Call before the first log line.
 */
export function logToStderr(): void {
  if (root) throw new Error("logToStderr() must run before the first log line");
  destination = "stderr";
}

/** For a test or tool that reads its own log lines back: they go to this file. Before the first line. */
export function logToFile(file: string): void {
  if (root) throw new Error("logToFile() must run before the first log line");
  destination = { file };
}

/** Whether logToStderr() ran: worker threads are told, so their log lines follow the process's. */
export const logsToStderr = () => destination === "stderr";

/**
 * The ids every log line of one piece of work carries (videoId, analysisId, highlightId, the job …), so
 * `grep <videoId> .data/logs/*` shows one video's whole story: the worker runtime sets them around each job
 * (worker/runtime.ts) and a request can add the ids it learns. They follow the async calls made inside.
 */
const context = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` with `bindings` added to every log line written inside it (nested calls add to them). */
export function withLogContext<T>(bindings: Record<string, unknown>, fn: () => T): T {
  return context.run({ ...context.getStore(), ...bindings }, fn);
}

/** Adds ids to the current context from here on (e.g. the videoId a request has just created). */
export function addLogContext(bindings: Record<string, unknown>): void {
  const store = context.getStore();
  if (store) Object.assign(store, bindings);
}

export function logger(): pino.Logger {
  const options: pino.LoggerOptions = {
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    // The context's ids, less those the line's own logger is already bound to (no key written twice).
    mixin(_merge, _level, log) {
      const store = context.getStore();
      if (!store) return {};
      const bound = log.bindings();
      return Object.fromEntries(Object.entries(store).filter(([k, v]) => v !== undefined && !(k in bound)));
    },
  };
  root ??=
    destination === "stdout"
      ? pino(options)
      : pino(
          options,
          pino.destination(
            destination === "stderr" ? { fd: 2, sync: true } : { dest: destination.file, sync: true },
          ),
        );
  return root;
}

export function childLogger(bindings: Record<string, unknown>): pino.Logger {
  return logger().child(bindings);
}
