// The app's processes as bench:load sees them: the descendants of the bench's own shell (scripts/
// bench-load.sh passes its pid), told apart by their command line, never any other process on the
// machine. Peak RSS is sampled once a second; --chaos kills the worker it finds here.
import { readdirSync, readFileSync } from "node:fs";

interface Proc {
  pid: number;
  ppid: number;
  rssKb: number;
  cmd: string;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in parentheses may hold spaces: the fields after its last ")" are fixed.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
    return { pid, ppid: Number(rest[1]), rssKb: rss ? Number(rss[1]) : 0, cmd };
  } catch {
    return null; // gone while we looked
  }
}

/** Every process under `root` (itself excluded). */
export function descendants(root: number): Proc[] {
  const all = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== null);
  const kids = new Map<number, Proc[]>();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  const out: Proc[] = [];
  const walk = (pid: number) => {
    for (const k of kids.get(pid) ?? []) {
      out.push(k);
      walk(k.pid);
    }
  };
  walk(root);
  return out;
}

const isWorker = (p: Proc) => /^node .*worker\/index\.ts/.test(p.cmd);
// `next start` names its server process "next-server" once it runs.
const isWeb = (p: Proc) => /^node .*next\/dist\/bin\/next start|^next-server/.test(p.cmd);

/** The pids of the worker's node processes under `root` (the process kill -9 is aimed at). */
export function workerPids(root: number): number[] {
  return descendants(root)
    .filter(isWorker)
    .map((p) => p.pid);
}

function subtreeKb(p: Proc, procs: Proc[]): number {
  const kids = procs.filter((k) => k.ppid === p.pid);
  return p.rssKb + kids.reduce((a, k) => a + subtreeKb(k, procs), 0);
}

export interface RssPeaks {
  web_mb: number;
  worker_mb: number;
  /** the worker with its ffmpeg and trainer children */
  worker_tree_mb: number;
}

/** Samples the web's and the worker's RSS every second until stopped; returns the peaks in MB. */
export function sampleRss(root: number): { stop: () => RssPeaks } {
  const peak = { web: 0, worker: 0, workerTree: 0 };
  const tick = () => {
    const procs = descendants(root);
    // The outermost match is the process; its children (next's server, ffmpeg) count with it.
    const tops = (f: (p: Proc) => boolean) =>
      procs.filter((p) => f(p) && !procs.some((q) => q.pid === p.ppid && f(q)));
    const web = tops(isWeb).reduce((a, p) => a + subtreeKb(p, procs), 0);
    const workers = tops(isWorker);
    peak.web = Math.max(peak.web, web);
    peak.worker = Math.max(
      peak.worker,
      workers.reduce((a, p) => a + p.rssKb, 0),
    );
    peak.workerTree = Math.max(
      peak.workerTree,
      workers.reduce((a, p) => a + subtreeKb(p, procs), 0),
    );
  };
  tick();
  const timer = setInterval(tick, 1000);
  return {
    stop: () => {
      clearInterval(timer);
      const mb = (kb: number) => Math.round(kb / 1024);
      return { web_mb: mb(peak.web), worker_mb: mb(peak.worker), worker_tree_mb: mb(peak.workerTree) };
    },
  };
}
