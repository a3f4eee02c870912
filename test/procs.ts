// Processes as /proc shows them (Linux): the fault tests look for a killed worker's ffmpeg children.
import { readdirSync, readFileSync } from "node:fs";

export interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
  cmdline: string;
}

function read(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may contain spaces and parentheses, so split at the last ')'.
    const close = stat.lastIndexOf(")");
    const [state, ppid] = stat.slice(close + 2).split(" ");
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    return {
      pid,
      ppid: Number(ppid),
      comm: stat.slice(stat.indexOf("(") + 1, close),
      state: state!,
      cmdline,
    };
  } catch {
    return null; // gone meanwhile
  }
}

export function processes(): Proc[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => read(Number(d)) ?? []);
}

/** Running (not zombie) processes whose command line contains `needle`. */
export const runningWith = (needle: string) =>
  processes().filter((p) => p.state !== "Z" && p.cmdline.includes(needle));

export const childrenOf = (pid: number) => processes().filter((p) => p.ppid === pid && p.state !== "Z");

export const isRunning = (pid: number) => {
  const p = read(pid);
  return p !== null && p.state !== "Z";
};

/** A process's memory figure from /proc/PID/status in MB (VmHWM: its peak RSS; VmRSS: now), 0 if gone. */
export function memoryMb(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
