import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { tooManyRequests } from "../errors";
import { queuePrefix, redisConnection } from "../queue";

// Failed sign-ins are counted per account and per client address in Redis, so every web process sees
// the same counts. Only failures count: a user who types the password right is never slowed down, and
// a success clears the account's count. When Redis is unreachable an in-process limiter takes over
// rather than letting guesses through unlimited.

export const ACCOUNT_FAILURES_PER_MIN = 10;
export const IP_FAILURES_PER_MIN = 30;

interface Limiters {
  account: RateLimiterRedis;
  ip: RateLimiterRedis;
}
let limiters: Limiters | undefined;

function make(): Limiters {
  const storeClient = redisConnection("request");
  storeClient.on("error", () => undefined); // logged by whoever else uses Redis; limiter falls back
  const opts = (keyPrefix: string, points: number) => ({
    storeClient,
    keyPrefix: `${queuePrefix()}:login:${keyPrefix}`,
    points,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
  });
  return {
    account: new RateLimiterRedis(opts("account", ACCOUNT_FAILURES_PER_MIN)),
    ip: new RateLimiterRedis(opts("ip", IP_FAILURES_PER_MIN)),
  };
}

const lim = () => (limiters ??= make());

/**
 * The client address for counting: the last `X-Forwarded-For` hop. `next start` sets that header from
 * the socket when it is missing; behind a reverse proxy the last hop is what the proxy saw.
 */
export function clientAddress(headers: Headers): string {
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
  return hops.filter(Boolean).at(-1) ?? "unknown";
}

const message = (s: number) =>
  `Too many failed sign-ins. Try again in ${s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`}.`;

/** Throws 429 with Retry-After while the account or the address has used up its failures. */
export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const [a, i] = await Promise.all([lim().account.get(email), lim().ip.get(ip)]);
  const waits = [
    a && a.consumedPoints >= ACCOUNT_FAILURES_PER_MIN ? a.msBeforeNext : 0,
    i && i.consumedPoints >= IP_FAILURES_PER_MIN ? i.msBeforeNext : 0,
  ];
  const waitMs = Math.max(...waits);
  if (waitMs > 0) throw tooManyRequests(message(Math.ceil(waitMs / 1000)), waitMs / 1000);
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  await Promise.all([
    lim().account.consume(email).catch(ignoreLimit),
    lim().ip.consume(ip).catch(ignoreLimit),
  ]);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await lim().account.delete(email);
}

// consume() rejects with a RateLimiterRes once the points are used up: the count is what we wanted.
function ignoreLimit(err: unknown): void {
  if (!(err instanceof RateLimiterRes)) throw err;
}
