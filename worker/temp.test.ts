import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanDeadWorkerDirs } from "./temp";

describe("cleanDeadWorkerDirs", () => {
  it("removes the folders of dead processes and keeps those of live ones", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "temp-test-"));
    const dead = spawnSync("true").pid!; // exited by now
    const live = process.ppid;
    for (const name of [String(dead), String(live), String(process.pid), "not-a-pid"]) {
      await mkdir(path.join(root, name, "proxy-abc"), { recursive: true });
    }
    const removed = await cleanDeadWorkerDirs(root);
    expect(removed).toEqual([path.join(root, String(dead))]);
    expect((await readdir(root)).sort()).toEqual([String(live), String(process.pid), "not-a-pid"].sort());
  });
});
