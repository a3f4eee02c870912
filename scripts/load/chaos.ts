// `npm run bench:load -- --chaos`: faults at random moments of the load — the worker killed with -9
// (the supervisor in scripts/lib.sh must bring it back; nothing here restarts it), and Redis and
// PostgreSQL stopped and started again with scripts/lib.sh's own service functions. The moments come
// from a seeded generator, so a run can be repeated with --seed.
import { spawn } from "node:child_process";
import { workerPids } from "./procs";

export type Fault = "kill -9 worker" | "restart redis" | "restart postgres";

export interface ChaosEvent {
  fault: Fault;
  atS: number;
  /** what happened, in words (a restart's time, the new worker pid, or what failed) */
  outcome: string;
  ok: boolean;
}

// How often each fault strikes over a load.
const PLAN: [Fault, number][] = [
  ["kill -9 worker", 3],
  ["restart redis", 2],
  ["restart postgres", 2],
];

/** mulberry32: a small seeded generator, so the same --seed gives the same moments. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The moments (s from the load's start), between 10 % and 85 % of it, at least 8 s apart. */
export function schedule(durationS: number, seed: number): { fault: Fault; atS: number }[] {
  const rnd = seeded(seed);
  const out: { fault: Fault; atS: number }[] = [];
  for (const [fault, n] of PLAN) {
    for (let i = 0; i < n; i++) {
      for (let tries = 0; tries < 100; tries++) {
        const atS = Math.round(durationS * (0.1 + 0.75 * rnd()));
        if (out.every((e) => Math.abs(e.atS - atS) >= 8) || tries === 99) {
          out.push({ fault, atS });
          break;
        }
      }
    }
  }
  return out.sort((a, b) => a.atS - b.atS);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs scripts/lib.sh functions in a shell of its own. The bench points DATABASE_URL and REDIS_URL at
 * its scratch database and Redis db; lib.sh takes a set URL for an external service it must not touch,
 * so they are left out here (bench-load.sh refuses --chaos when the services are not local ones).
 */
function libSh(script: string): Promise<string> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.S3_ENDPOINT;
  return new Promise((resolve, reject) => {
    const p = spawn("bash", ["-c", `source scripts/lib.sh && load_env && ${script}`], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
    });
    let out = "";
    p.stdout.on("data", (b: Buffer) => (out += b.toString()));
    p.stderr.on("data", (b: Buffer) => (out += b.toString()));
    p.once("error", reject);
    p.once("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script}: exit ${code}: ${out}`)),
    );
  });
}

async function killWorker(root: number, rnd: () => number): Promise<{ outcome: string; ok: boolean }> {
  const before = workerPids(root);
  if (before.length === 0) return { outcome: "no worker process was running", ok: false };
  const pid = before[Math.floor(rnd() * before.length)]!;
  process.kill(pid, "SIGKILL");
  const t0 = Date.now();
  // The supervisor's backoff is a few seconds; a minute without a new worker means it did not restart.
  while (Date.now() - t0 < 60_000) {
    await sleep(250);
    const fresh = workerPids(root).filter((p) => !before.includes(p));
    if (fresh.length)
      return {
        outcome: `pid ${pid} killed; pid ${fresh[0]} up ${((Date.now() - t0) / 1000).toFixed(1)} s later`,
        ok: true,
      };
  }
  return { outcome: `pid ${pid} killed; no new worker within 60 s`, ok: false };
}

async function restart(
  service: "redis" | "postgres",
  downS: number,
): Promise<{ outcome: string; ok: boolean }> {
  const t0 = Date.now();
  try {
    // stop_redis gives up waiting after 5 s; start_* returns at once while the old port still answers.
    const port = service === "redis" ? "$REDIS_PORT" : "$PG_PORT";
    await libSh(
      `stop_${service}; for i in $(seq 1 300); do port_open ${port} || exit 0; sleep 0.2; done; exit 1`,
    );
    await sleep(downS * 1000);
    await libSh(`start_${service} && port_open ${port}`);
    return { outcome: `down ${((Date.now() - t0) / 1000).toFixed(1)} s`, ok: true };
  } catch (err) {
    return { outcome: (err as Error).message.slice(0, 300), ok: false };
  }
}

/** Strikes each fault at its moment; resolves with what happened once the last one is over. */
export async function runChaos(
  root: number,
  plan: { fault: Fault; atS: number }[],
  seed: number,
  log: (l: string) => void,
): Promise<ChaosEvent[]> {
  const rnd = seeded(seed ^ 0x5eed);
  const t0 = Date.now();
  const events: ChaosEvent[] = [];
  for (const { fault, atS } of plan) {
    await sleep(Math.max(0, t0 + atS * 1000 - Date.now()));
    const down = 1 + Math.round(rnd() * 4);
    const r =
      fault === "kill -9 worker"
        ? await killWorker(root, rnd)
        : await restart(fault === "restart redis" ? "redis" : "postgres", down);
    const at = +((Date.now() - t0) / 1000).toFixed(1);
    log(`chaos at ${atS} s: ${fault}: ${r.outcome}${r.ok ? "" : " (FAILED)"}`);
    events.push({ fault, atS: at, ...r });
  }
  return events;
}
