import { Redis, type RedisOptions } from "ioredis";
import { env } from "../env";
import { childLogger } from "../logger";

/**
 * BullMQ wants `maxRetriesPerRequest: null` on worker connections (blocking commands must not time out).
 * Producers keep a bound so a web request fails fast when Redis is down.
 */
export function redisConnection(role: "producer" | "worker"): Redis {
  const opts: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 3, enableOfflineQueue: false };
  const redis = new Redis(env().REDIS_URL, opts);
  // Without a listener ioredis prints "Unhandled error event" on every reconnect try while Redis is
  // away; one line per 10 s says the same (the outbox keeps the work meanwhile).
  let last = 0;
  redis.on("error", (err: Error) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    childLogger({ redis: role }).warn({ err: err.message }, "redis connection error");
  });
  return redis;
}

export function queuePrefix(): string {
  return env().QUEUE_PREFIX;
}
