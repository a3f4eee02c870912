// A redis-server of a test's own, on a free loopback port, that the test may stop and start again
// (never the developer's or the test run's shared one). AOF with fsync on every write: what was queued
// before a stop is there after the start, as with `npm run up`'s Redis.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open and nothing answers (a hung or swapped-out server). */
  freeze(): void;
  thaw(): void;
  dispose(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), "matchcut-redis-"));
  let proc: ChildProcess | undefined;
  const start = async () => {
    if (proc && proc.exitCode === null) return;
    const p = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes"].concat([
        "--appendfsync",
        "always",
        "--save",
        "",
      ]),
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    proc = p;
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.includes("Ready to accept connections")) resolve();
      };
      p.stdout!.on("data", onData);
      p.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
    });
  };
  const stop = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((r) => p.once("exit", r));
    p.kill("SIGKILL");
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}/0`,
    start,
    stop,
    freeze: () => void proc?.kill("SIGSTOP"),
    thaw: () => void proc?.kill("SIGCONT"),
    async dispose() {
      proc?.kill("SIGCONT");
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
