import { childLogger } from "@/lib/platform/logger";

// A Redis outage is logged once when it starts, then at most once a minute while it lasts (with a count
// of the errors swallowed meanwhile), and once when Redis answers again. Every client reports here: the
// connections, each BullMQ Queue and Worker (their blocking connections too) and the outbox dispatcher;
// before, each logged every reconnect try on its own (about 17 lines a second from one worker).

const REPEAT_MS = 60_000;

interface Outage {
  since: number;
  errors: number;
  lastLine: number;
  /** Whether a line said it started (or lasts): only then is its end worth a line too. */
  logged: boolean;
}
let outage: Outage | undefined;
let lastLine = -Infinity;

const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|Connection is closed|Stream isn't writeable|max retries per request|Command timed out|Redis is not reachable/i;

/** Whether an error says that Redis could not be reached (rather than that a command failed). */
export function isRedisConnectionError(err: unknown): boolean {
  const e = err as { message?: string; code?: string; name?: string } | null;
  return (
    e?.name === "MaxRetriesPerRequestError" || CONNECTION_ERROR.test(`${e?.code ?? ""} ${e?.message ?? ""}`)
  );
}

/** Whether an outage is under way (some client failed to reach Redis and none has reached it since). */
export const redisOutage = () => outage !== undefined;

/** Counts an error of a Redis client towards the current outage and logs as the header says. */
export function noteRedisError(source: string, err: unknown): void {
  const now = Date.now();
  const message = (err as Error)?.message ?? String(err);
  if (!outage) {
    outage = { since: now, errors: 0, lastLine, logged: false };
    // A flapping Redis starts a new outage at each reconnect: still one line a minute at most.
    if (now - lastLine >= REPEAT_MS) {
      lastLine = outage.lastLine = now;
      outage.logged = true;
      childLogger({ redis: source }).error(
        { err: message },
        "Redis is unreachable: jobs wait in the outbox; logged again at most once a minute until it is back",
      );
    }
  }
  outage.errors++;
  if (now - outage.lastLine >= REPEAT_MS) {
    lastLine = outage.lastLine = now;
    outage.logged = true;
    childLogger({ redis: source }).error(
      { err: message, downS: Math.round((now - outage.since) / 1000), errors: outage.errors },
      "Redis is still unreachable",
    );
  }
}

/** A client reached Redis: ends the outage with one line. */
export function noteRedisReady(): void {
  if (!outage) return;
  const { since, errors, logged } = outage;
  outage = undefined;
  if (!logged) return;
  childLogger({}).info(
    { downS: Math.round((Date.now() - since) / 1000), errors },
    "Redis is reachable again",
  );
}
