import { Redis, type RedisOptions } from "ioredis";
import { env } from "../env";

/**
 * BullMQ wants `maxRetriesPerRequest: null` on worker connections (blocking commands must not time out).
 * Producers keep a bound so a web request fails fast when Redis is down.
 */
export function redisConnection(role: "producer" | "worker"): Redis {
  const opts: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 3, enableOfflineQueue: false };
  return new Redis(env().REDIS_URL, opts);
}

export function queuePrefix(): string {
  return env().QUEUE_PREFIX;
}
