// `npm run worker`: runs every registered job. Start as many as you like, on any machine that reaches
// the same Postgres, Redis and S3.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { janitorSlot } from "@/lib/janitor/run";
import { logger } from "@/lib/platform/logger";
import { startJob } from "@/lib/pipeline/enqueue";
import { jobs } from "./jobs/registry";
import { startHeartbeat } from "./heartbeat";
import { disposeSessions } from "./inference/session";
import { startRuntime } from "./runtime";
import { cleanDeadWorkerDirs } from "./temp";

const log = logger();

async function checkFfmpeg(): Promise<void> {
  try {
    const { stdout } = await promisify(execFile)(env().FFMPEG_PATH, ["-version"]);
    log.info({ ffmpeg: stdout.split("\n")[0] }, "ffmpeg found");
  } catch {
    throw new Error(
      `ffmpeg not found at "${env().FFMPEG_PATH}": install it (apt-get install ffmpeg) or set FFMPEG_PATH`,
    );
  }
}

async function main(): Promise<void> {
  await checkFfmpeg();
  // Temp dirs of workers that were killed on this machine (their jobs' `finally` never ran).
  const cleaned = await cleanDeadWorkerDirs();
  if (cleaned.length > 0) log.info({ cleaned }, "removed temp dirs of dead workers");
  const runtime = startRuntime(jobs, { concurrencyScale: env().WORKER_CONCURRENCY });
  const stopHeartbeat = startHeartbeat();
  // The janitor of the current time slot; every worker stages it, its id makes that one run.
  const { slot } = janitorSlot(env().JANITOR_INTERVAL_H);
  await startJob(db(), "worker started", "janitor", { slot });
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down: finishing active jobs");
    stopHeartbeat();
    await runtime.close();
    await disposeSessions();
    await disconnectDb();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  log.fatal({ err }, "worker failed to start");
  process.exit(1);
});
