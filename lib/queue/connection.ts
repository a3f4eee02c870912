import { Redis, type RedisOptions } from "ioredis";
import { env } from "@/lib/platform/env";
import { noteRedisError, noteRedisReady } from "./outage";

/**
 * BullMQ wants `maxRetriesPerRequest: null` on worker connections (blocking commands must not time out).
 * Producers keep a bound so a web request fails fast when Redis is down: no offline queue (a command
 * fails at once while the connection is down). A `request` connection, used only to answer web requests
 * (the sign-in limiter), also times out a command that Redis does not answer (a hung or overloaded
 * server); the shared producer does not, as workers enqueue through it too, and lib/queue/bounded.ts
 * puts a deadline on each request's use of it instead.
 */
export const REQUEST_COMMAND_TIMEOUT_MS = 1_500;

export function redisConnection(role: "producer" | "request" | "worker"): Redis {
  const opts: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null }
      : {
          maxRetriesPerRequest: 3,
          enableOfflineQueue: false,
          ...(role === "request" ? { commandTimeout: REQUEST_COMMAND_TIMEOUT_MS } : {}),
        };
  const redis = new Redis(env().REDIS_URL, opts);
  // Without a listener ioredis prints "Unhandled error event" on every reconnect try while Redis is
  // away; the outage log says it once, then once a minute (the outbox keeps the work meanwhile).
  redis.on("error", (err: Error) => noteRedisError(role, err));
  redis.on("ready", noteRedisReady);
  return redis;
}

export function queuePrefix(): string {
  return env().QUEUE_PREFIX;
}
