import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { tooManyRequests } from "@/lib/platform/errors";
import { queuePrefix, redisConnection } from "../queue";

// Sign-in attempts are counted in Redis, so every web process sees the same counts (an in-process
// limiter takes over while Redis is unreachable rather than letting guesses through unlimited):
// - per account and address: 10 a minute. An attacker elsewhere cannot lock the owner out (issue #23:
//   a per-account limit refused the right password too, so anyone could lock an editor out);
// - per address, all accounts: 30 a minute;
// - per account, all addresses: 100 a minute, a bound on guessing from many addresses at once. The
//   addresses the account signed in from in the last 30 days are exempt, so its owner still gets in.
// An attempt takes its point before the password is checked (an atomic increment), so parallel
// guesses cannot all pass a check made before any of them failed (issue #23: 40 parallel guesses got
// 15 tries with a limit of 10). A success gives the points back and clears the account+address count.

export const ACCOUNT_FAILURES_PER_MIN = 10;
export const IP_FAILURES_PER_MIN = 30;
export const ACCOUNT_ALL_ADDRESSES_PER_MIN = 100;
const KNOWN_ADDRESS_S = 30 * 24 * 3600;

interface Limiters {
  pair: RateLimiterRedis;
  ip: RateLimiterRedis;
  account: RateLimiterRedis;
  store: ReturnType<typeof redisConnection>;
}
let limiters: Limiters | undefined;

function make(): Limiters {
  const store = redisConnection("request");
  store.on("error", () => undefined); // logged by whoever else uses Redis; limiter falls back
  const opts = (keyPrefix: string, points: number) => ({
    storeClient: store,
    keyPrefix: `${queuePrefix()}:login:${keyPrefix}`,
    points,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
  });
  return {
    pair: new RateLimiterRedis(opts("pair", ACCOUNT_FAILURES_PER_MIN)),
    ip: new RateLimiterRedis(opts("ip", IP_FAILURES_PER_MIN)),
    account: new RateLimiterRedis(opts("account", ACCOUNT_ALL_ADDRESSES_PER_MIN)),
    store,
  };
}

const lim = () => (limiters ??= make());
const pairKey = (email: string, ip: string) => `${email}|${ip}`;
const knownKey = (email: string, ip: string) => `${queuePrefix()}:login:known:${pairKey(email, ip)}`;

const message = (s: number) =>
  `Too many failed sign-ins. Try again in ${s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`}.`;

// The connection opens on first use and queues no commands meanwhile (enableOfflineQueue: false): the
// first attempts after a start would be counted by the in-process fallback and missed by Redis's
// count. So an attempt waits for the connection, at most a second (Redis down: the fallback counts).
async function connected(store: Limiters["store"]): Promise<void> {
  if (store.status === "ready") return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      store.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, 1000);
    store.once("ready", done);
  });
}

async function knownAddress(email: string, ip: string): Promise<boolean> {
  return (
    (await lim()
      .store.exists(knownKey(email, ip))
      .catch(() => 0)) === 1
  );
}

export interface LoginAttempt {
  /** The password was right: points back, the account+address count cleared, the address remembered. */
  succeeded(): Promise<void>;
}

/** Takes this attempt's points, or throws 429 with Retry-After when one of the limits is used up. */
export async function beginLoginAttempt(email: string, ip: string): Promise<LoginAttempt> {
  const l = lim();
  await connected(l.store);
  const known = await knownAddress(email, ip);
  const taken = await Promise.allSettled([
    l.pair.consume(pairKey(email, ip)),
    l.ip.consume(ip),
    known ? Promise.resolve(null) : l.account.consume(email),
  ]);
  const waits = taken.map((t) => {
    if (t.status === "fulfilled") return 0;
    if (t.reason instanceof RateLimiterRes) return t.reason.msBeforeNext;
    throw t.reason;
  });
  const waitMs = Math.max(...waits);
  if (waitMs > 0) throw tooManyRequests(message(Math.ceil(waitMs / 1000)), waitMs / 1000);
  return {
    async succeeded() {
      await Promise.all([
        l.pair.delete(pairKey(email, ip)),
        l.ip.reward(ip, 1),
        known ? null : l.account.reward(email, 1),
        l.store.set(knownKey(email, ip), "1", "EX", KNOWN_ADDRESS_S).catch(() => undefined),
      ]);
    },
  };
}
