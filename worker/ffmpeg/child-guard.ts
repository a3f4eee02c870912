import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { logger } from "@/lib/platform/logger";
import { workerTempRoot } from "../temp";

/**
 * ffmpeg children die with their worker (issue #16): a worker killed outright (kill -9, OOM killer)
 * cannot kill its children, so each is started through util-linux `setpriv --pdeathsig KILL`, which asks
 * the kernel to SIGKILL it when its parent goes. The exec chain keeps the PID, so aborting a job still
 * kills the right process. Without setpriv (not Linux, old util-linux) children start as before and a
 * warning says that a killed worker may leave them running.
 */
let available: boolean | undefined;
export function pdeathsigAvailable(): boolean {
  if (available === undefined) {
    try {
      execFileSync("setpriv", ["--pdeathsig", "KILL", "--", "true"], { stdio: "ignore", timeout: 5_000 });
      available = true;
    } catch {
      available = false;
      logger().warn("setpriv --pdeathsig is unavailable: a killed worker may leave ffmpeg running");
    }
  }
  return available;
}

/** The command and arguments that start `bin args` guarded (or unguarded when it cannot be). */
export function guarded(bin: string, args: string[]): [string, string[]] {
  return pdeathsigAvailable() ? ["setpriv", ["--pdeathsig", "KILL", "--", bin, ...args]] : [bin, args];
}

/**
 * For fluent-ffmpeg, which spawns the path it is given: a two-line script that execs `bin` guarded.
 * Written once per process into its temp root (removed with it).
 */
export function guardedBinary(bin: string): string {
  if (!pdeathsigAvailable()) return bin;
  const name = `guard-${createHash("sha256").update(bin).digest("hex").slice(0, 12)}.sh`;
  const file = path.join(workerTempRoot(), name);
  if (!existsSync(file)) {
    mkdirSync(workerTempRoot(), { recursive: true });
    writeFileSync(file, `#!/bin/sh\nexec setpriv --pdeathsig KILL -- ${shellQuote(bin)} "$@"\n`);
    chmodSync(file, 0o755);
  }
  return file;
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
