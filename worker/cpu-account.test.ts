import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { withCpuAccount, type CpuUsed } from "./cpu-account";

// A shell that burns CPU in itself (arithmetic builtins), then prints its own utime + stime in ticks.
const BURN = 'i=0; while [ $i -lt 150000 ]; do i=$((i+1)); done; read -r s < /proc/$$/stat; echo "$s"';

function burnChild(): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn("bash", ["-c", BURN], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.once("error", reject);
    p.once("close", () => {
      const f = out.slice(out.lastIndexOf(")") + 2).split(" ");
      resolve((Number(f[11]) + Number(f[12])) / 100);
    });
  });
}

function burnSelf(ms: number): void {
  const t0 = process.cpuUsage();
  while (true) {
    const d = process.cpuUsage(t0);
    if (d.user + d.system >= ms * 1000) return;
  }
}

describe("withCpuAccount", () => {
  it("charges a child's CPU to the job that started it, not to one running beside it", async () => {
    let a: CpuUsed | undefined;
    let b: CpuUsed | undefined;
    let own = 0;
    let release!: () => void;
    const idle = new Promise<void>((r) => (release = r));
    await Promise.all([
      withCpuAccount(
        async () => {
          own = await burnChild();
          release();
        },
        (c) => (a = c),
      ),
      withCpuAccount(
        () => idle,
        (c) => (b = c),
      ),
    ]);
    expect(own).toBeGreaterThan(0.05);
    expect(Math.abs(a!.childrenS - own)).toBeLessThanOrEqual(0.03);
    expect(b!.childrenS).toBe(0);
  });

  it("charges this process's CPU to the job that ran alone, and reports it when the job throws", async () => {
    let used: CpuUsed | undefined;
    await expect(
      withCpuAccount(
        async () => {
          burnSelf(300);
          throw new Error("boom");
        },
        (c) => (used = c),
      ),
    ).rejects.toThrow("boom");
    expect(used!.selfS).toBeGreaterThanOrEqual(0.3);
    expect(used!.selfS).toBeLessThan(1);
    expect(used!.childrenS).toBe(0);
  });
});
