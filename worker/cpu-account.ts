import { AsyncLocalStorage } from "node:async_hooks";
import type { ChildProcess } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";
import { readFileSync } from "node:fs";
import type { childLogger } from "@/lib/platform/logger";
import type { JobName } from "@/lib/pipeline/graph";
import { recordJobCpu } from "@/lib/queue";

/**
 * CPU seconds per job (issue #25), for its own work in this process and for its children (ffmpeg, the
 * trainer), kept cheap: no polling.
 * - Children: the kernel adds a child's CPU to its parent's cutime/cstime (/proc/self/stat) when the
 *   parent reaps it. Node's "child_process" diagnostics channel names each child as it is created, in
 *   the job's async context, so each reaped child's share is the rise of that sum when it exits. Children
 *   reaped in one batch (one SIGCHLD) split the rise evenly: rare, and the total stays exact.
 * - Its own work (inference, parsing, pipes): the process's CPU between two job starts or ends is split
 *   evenly among the jobs that ran then. A light job beside a chunk is charged part of the inference, so
 *   per-kind figures are estimates where kinds overlap; the sum over all jobs is the process's CPU.
 */

export interface CpuUsed {
  /** This process's CPU charged to the job (its share while other jobs ran beside it). */
  selfS: number;
  /** CPU of the children it started, counted once they ended. */
  childrenS: number;
}

interface Account extends CpuUsed {
  open: boolean;
}

// USER_HZ: 100 on every Linux ABI Node runs on (sysconf(_SC_CLK_TCK) is not reachable from Node).
const TICKS_PER_S = 100;
const context = new AsyncLocalStorage<Account>();
const running = new Set<Account>();
let lastSelf = process.cpuUsage();
let lastReaped: number | undefined;
let exited: (Account | undefined)[] = [];
let settleQueued = false;

/** CPU seconds of this process's reaped children (cutime + cstime); null off Linux. */
function reapedChildrenS(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, cutime 16, cstime 17.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / TICKS_PER_S;
  } catch {
    return null;
  }
}

function settleSelf(): void {
  const now = process.cpuUsage();
  const us = now.user - lastSelf.user + (now.system - lastSelf.system);
  lastSelf = now;
  for (const a of running) a.selfS += us / 1e6 / running.size;
}

function settleChildren(): void {
  settleQueued = false;
  if (exited.length === 0) return;
  const now = reapedChildrenS();
  const owners = exited;
  exited = [];
  if (now === null || lastReaped === undefined) return;
  const rise = now - lastReaped;
  lastReaped = now;
  for (const a of owners) if (a?.open) a.childrenS += rise / owners.length;
}

let subscribed = false;
function watchChildren(): void {
  if (subscribed) return;
  subscribed = true;
  lastReaped = reapedChildrenS() ?? undefined;
  subscribe("child_process", (message) => {
    const child = (message as { process: ChildProcess }).process;
    const owner = context.getStore();
    child.once("exit", () => {
      exited.push(owner);
      // Every child reaped with this one has its exit event before the check phase.
      if (!settleQueued) {
        settleQueued = true;
        setImmediate(settleChildren);
      }
    });
  });
}

/** Runs `work` as one job; `done` gets the CPU it used, whether it returned or threw. */
export async function withCpuAccount<T>(work: () => Promise<T>, done: (cpu: CpuUsed) => void): Promise<T> {
  watchChildren();
  settleSelf();
  const account: Account = { selfS: 0, childrenS: 0, open: true };
  running.add(account);
  try {
    return await context.run(account, work);
  } finally {
    settleChildren(); // a child that ended just before the job did
    settleSelf();
    running.delete(account);
    account.open = false;
    done({ selfS: account.selfS, childrenS: account.childrenS });
  }
}

/** Adds a finished job's CPU to its kind's totals (/api/metrics); a Redis that is away costs a log line. */
export function recordCpu(kind: JobName, cpu: CpuUsed, log: ReturnType<typeof childLogger>): void {
  recordJobCpu(kind, cpu).catch((err: unknown) =>
    log.warn({ err: (err as Error).message }, "job CPU not recorded"),
  );
}

/** For the job's log line: seconds with two decimals. */
export const cpuFields = (cpu: CpuUsed | undefined) =>
  cpu && { cpuS: +cpu.selfS.toFixed(2), childCpuS: +cpu.childrenS.toFixed(2) };
