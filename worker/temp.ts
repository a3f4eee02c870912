import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Job temp dirs live under one folder per worker process (`<tmp>/matchcut-work/<pid>/`). A job removes
 * its own dir in `finally`; a worker that was killed never gets there, so the next worker to start on
 * the machine removes the folders of processes that no longer exist.
 */
const ROOT = path.join(tmpdir(), "matchcut-work");

export const workerTempRoot = () => path.join(ROOT, String(process.pid));

/** A fresh temp dir for one job run, e.g. jobTempDir("proxy"). */
export async function jobTempDir(kind: string): Promise<string> {
  await mkdir(workerTempRoot(), { recursive: true });
  return mkdtemp(path.join(workerTempRoot(), `${kind}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temp folders of dead worker processes on this machine; returns the paths removed. */
export async function cleanDeadWorkerDirs(root = ROOT): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of entries) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    const dir = path.join(root, name);
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
