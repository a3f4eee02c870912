import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** Touched every HEARTBEAT_MS from the event loop; docker-compose.yml's health check reads its age. */
export const HEARTBEAT_FILE = path.join(tmpdir(), "matchcut-worker.alive");
const HEARTBEAT_MS = 10_000;

/**
 * The worker has no port to probe, so a health check (docker-compose.yml) asks whether its event loop
 * still turns: a hung worker stops touching the file. Failures to write are ignored (a full /tmp must
 * not stop jobs); several workers on one machine touch the same file, which then says "some worker".
 */
export function startHeartbeat(): () => void {
  const beat = () =>
    void writeFile(HEARTBEAT_FILE, `${process.pid} ${new Date().toISOString()}\n`).catch(() => {});
  beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
