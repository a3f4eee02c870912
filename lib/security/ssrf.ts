import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { env } from "@/lib/platform/env";

// Live-stream URLs are fetched by the worker, inside our network. A URL (or a redirect, or a DNS answer)
// that points at loopback, a private network, link-local (cloud metadata at 169.254.169.254), multicast
// or other special ranges is refused before any connection is made, with one message whatever the
// reason, so the refusals say nothing about which hosts or ports exist. LIVE_ALLOW_HOSTS lets an admin
// name encoders on the LAN.

const refusedMessage = (variable: string) =>
  `This URL is not allowed: it points at a local or private network address (an admin can allow a host with ${variable})`;
export const REFUSED_URL_MESSAGE = refusedMessage("LIVE_ALLOW_HOSTS");

export class RefusedUrlError extends Error {
  readonly code = "EREFUSEDURL";
  constructor(message = REFUSED_URL_MESSAGE) {
    super(message);
    this.name = "RefusedUrlError";
  }
}

const V4_BLOCKED: [number, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
].map(([a, bits]) => [v4ToInt(a as string), bits as number]);

function v4ToInt(a: string): number {
  return a.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Blocked(a: string): boolean {
  const n = v4ToInt(a);
  return V4_BLOCKED.some(
    ([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)),
  );
}

function v6Words(a: string): number[] | null {
  let s = a.toLowerCase().split("%")[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = v4ToInt(v4[1]!);
    s = s.slice(0, -v4[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const words = [...h, ...Array<string>(fill).fill("0"), ...t].map((w) => parseInt(w || "0", 16));
  return words.length === 8 && words.every((w) => w >= 0 && w <= 0xffff) ? words : null;
}

function v6Blocked(a: string): boolean {
  const w = v6Words(a);
  if (!w) return true;
  const embedded = () => `${w[6]! >> 8}.${w[6]! & 255}.${w[7]! >> 8}.${w[7]! & 255}`;
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8) || (zeros(0, 7) && w[7] === 1)) return true; // :: and ::1
  if (zeros(0, 5) && w[5] === 0xffff) return v4Blocked(embedded()); // IPv4-mapped
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return v4Blocked(embedded()); // NAT64
  if (zeros(0, 6)) return true; // IPv4-compatible (deprecated)
  if ((w[0]! & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((w[0]! & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((w[0]! & 0xffc0) === 0xfec0) return true; // site-local (deprecated)
  if ((w[0]! & 0xff00) === 0xff00) return true; // multicast
  if (w[0] === 0x2001 && w[1] === 0x0db8) return true; // documentation
  if (w[0] === 0x0100 && zeros(1, 4)) return true; // discard-only
  if (w[0] === 0x2002) return v4Blocked(`${w[1]! >> 8}.${w[1]! & 255}.${w[2]! >> 8}.${w[2]! & 255}`); // 6to4
  return false;
}

/** True for addresses a fetch to the outside world may connect to. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !v4Blocked(address);
  if (family === 6) return !v6Blocked(address);
  return false;
}

const hostList = (raw: string | undefined): string[] =>
  (raw ?? "")
    .split(",")
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ""),
    )
    .filter(Boolean);

const bareHost = (url: URL) => url.hostname.toLowerCase().replace(/^\[|\]$/g, "");

function allowed(host: string, address: string, allow: string[]): boolean {
  return isPublicAddress(address) || allow.includes(host) || allow.includes(address.toLowerCase());
}

const allowList = () => hostList(env().LIVE_ALLOW_HOSTS);

export interface GuardOptions {
  /** Defaults to LIVE_ALLOW_HOSTS. */
  allowHosts?: string[];
  /** The refusal's message (default: REFUSED_URL_MESSAGE, which names LIVE_ALLOW_HOSTS). */
  message?: string;
}

/** Webhook receivers: the same rule, with their own allow-list (WEBHOOK_ALLOW_HOSTS). */
export const webhookGuard = (): GuardOptions => ({
  allowHosts: hostList(env().WEBHOOK_ALLOW_HOSTS),
  message: refusedMessage("WEBHOOK_ALLOW_HOSTS"),
});

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );
}

/**
 * Refuses (RefusedUrlError) a URL that is not http(s) or whose host is or resolves to any non-public
 * address. DNS failures are passed through: an unknown host is an ordinary error, not a refusal.
 */
export async function assertFetchableUrl(raw: string, opts: GuardOptions = {}): Promise<void> {
  if (!URL.canParse(raw)) throw new RefusedUrlError(opts.message);
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RefusedUrlError(opts.message);
  const host = bareHost(url);
  const allow = opts.allowHosts ?? allowList();
  if (allow.includes(host)) return;
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveAll(host);
  if (addresses.length === 0 || addresses.some((a) => !allowed(host, a.address, allow))) {
    throw new RefusedUrlError(opts.message);
  }
}

/**
 * A `lookup` for node:http(s) that applies the same rule to the addresses the socket will use, so a DNS
 * answer that changes between the check and the connect (rebinding) is refused too.
 */
export function guardedLookup(opts: GuardOptions = {}) {
  const allow = opts.allowHosts ?? allowList();
  return (
    hostname: string,
    options: { all?: boolean },
    cb: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return cb(err, "", 0);
      const host = hostname.toLowerCase();
      if (addresses.length === 0 || addresses.some((a) => !allowed(host, a.address, allow))) {
        return cb(new RefusedUrlError(opts.message), "", 0);
      }
      if (options.all) return cb(null, addresses);
      cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
