import { AppError } from "@/lib/platform/errors";
import { isRedisConnectionError } from "./outage";

/** How long a web request waits for Redis in all before it answers 503 (issue #23: under 2 s). */
export const REQUEST_REDIS_MS = 1_200;

/** 503 with a reason a person can act on, and when to try again. */
export const redisUnavailable = (what: string, why: string) =>
  new AppError(
    503,
    `${what}: unavailable, the queue service (Redis) ${why}. Queued work is kept and runs once it is back; try again in a moment.`,
    "unavailable",
    { "Retry-After": "5" },
  );

/**
 * Runs the Redis work of a web request with a deadline. BullMQ waits, without any bound, for a connection
 * that is not ready (a web process that started while Redis was down waited 40 s and more), and a Redis
 * that accepts connections but does not answer hangs every command; so the request answers 503 after
 * `ms` whatever the cause, and at once when the connection is known to be down. Other errors (a job
 * that is not there) pass through as they are.
 */
export async function boundedRedis<T>(
  what: string,
  work: () => Promise<T>,
  ms = REQUEST_REDIS_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(redisUnavailable(what, `did not answer within ${ms / 1000} s`)), ms);
  });
  const run = work();
  // The work goes on after a timeout (BullMQ cannot be cancelled): its late failure must not go unhandled.
  run.catch(() => undefined);
  try {
    return await Promise.race([run, deadline]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isRedisConnectionError(err)) throw redisUnavailable(what, "is not reachable");
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
