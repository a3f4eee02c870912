// bench:e2e's workers (issue #25): it starts and stops them itself so that one run measures two code
// paths on the same app, database, Redis and file: today's (the worker of an earlier commit, from a
// tree of its own under .data/bench/) and the one checked out. Each worker's CPU is read from
// /proc/<pid>/stat (its own and its reaped children's), the same figure whatever its code records.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { env } from "@/lib/platform/env";
import { queueCounts } from "@/lib/queue";

const run = promisify(execFile);
// USER_HZ (100 on every Linux ABI Node runs on).
const TICKS_PER_S = 100;

export interface BenchWorker {
  pid: number;
  /** CPU seconds of the worker and of the children it has reaped (ffmpeg, trainer), since it started. */
  cpuS(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `node --import tsx worker/index.ts` in `dir` (the checkout or a baseline tree). */
export async function startWorker(dir: string, log: string, extraEnv: Record<string, string> = {}) {
  const fd = openSync(log, "a");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    cwd: dir,
    env: { ...process.env, ...extraEnv },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A bench that dies leaves no worker behind (bench-e2e.sh stops only what it started).
  process.once("exit", () => child.kill("SIGKILL"));
  const pid = child.pid!;
  const worker: BenchWorker = {
    pid,
    async cpuS() {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime, stime, cutime, cstime: fields 14-17
      return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS_PER_S;
    },
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
  // Its model files checked and inference sessions created before anything is timed.
  await new Promise((r) => setTimeout(r, 5_000));
  if (child.exitCode !== null) throw new Error(`the worker in ${dir} exited at start (see ${log})`);
  return worker;
}

/**
 * A tree of commit `rev` (git archive) beside the checkout, with the checkout's node_modules and its own
 * Prisma client: its worker runs today's path against this run's database (later migrations only add
 * columns it does not know).
 */
export async function baselineTree(rev: string): Promise<string> {
  const { stdout } = await run("git", ["rev-parse", "--short", `${rev}^{commit}`]);
  const sha = stdout.trim();
  const dir = path.resolve(env().DATA_DIR, "bench", `baseline-${sha}`);
  if (existsSync(path.join(dir, ".ready"))) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  console.log(`making the baseline tree of ${rev} (${sha}) in ${dir}…`);
  await run("bash", ["-c", `git archive ${sha} | tar -x -C "${dir}"`]);
  await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"));
  await run("bash", ["scripts/prisma-generate.sh"], { cwd: dir });
  await writeFile(path.join(dir, ".ready"), sha);
  return dir;
}

const BUSY = ["waiting", "active", "delayed", "prioritized", "waiting-children"] as const;

/**
 * Resolves once no job of this prefix is waiting or running (polled every `pollMs`), leaving out the
 * janitor, whose next run is always delayed.
 */
export async function queuesDrained(pollMs = 1000): Promise<number> {
  for (;;) {
    const counts = await queueCounts();
    const busy = counts
      .filter((q) => q.queue !== "janitor")
      .reduce((n, q) => n + BUSY.reduce((m, s) => m + q.counts[s], 0), 0);
    if (busy === 0) return Date.now();
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
