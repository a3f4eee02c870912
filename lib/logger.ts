import pino from "pino";
import { env } from "./env";

let root: pino.Logger | undefined;
let toStderr = false;

/**
 * For command-line tools whose stdout is their result (`npm run detect -- f --json`): log lines go to
 * stderr, so stdout stays one parseable document. Call before the first log line.
 */
export function logToStderr(): void {
  if (root) throw new Error("logToStderr() must run before the first log line");
  toStderr = true;
}

/** Whether logToStderr() ran: worker threads are told, so their log lines follow the process's. */
export const logsToStderr = () => toStderr;

export function logger(): pino.Logger {
  const options = { level: env().LOG_LEVEL, base: { pid: process.pid } };
  root ??= toStderr ? pino(options, pino.destination({ fd: 2, sync: true })) : pino(options);
  return root;
}

export function childLogger(bindings: Record<string, unknown>): pino.Logger {
  return logger().child(bindings);
}
