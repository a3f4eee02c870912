import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP, type Socket } from "node:net";
import { env } from "@/lib/platform/env";
import { childLogger } from "@/lib/platform/logger";

// Which address a request came from, for the per-address sign-in limits (issue #23: a client-sent
// X-Forwarded-For was trusted). Next.js route handlers never see the socket: `next start` copies the
// socket's address into X-Forwarded-For only when the request has none, so a client that sends one
// chooses its own address. The server process therefore stamps every request with its socket's
// address, in a header no client can set (any client value is overwritten), from Node's
// `http.server.request.start` diagnostics channel, before Next.js sees the request
// (instrumentation.ts). X-Forwarded-For is read only when that peer is one of TRUSTED_PROXIES.

export const PEER_HEADER = "x-matchcut-peer";

let tracking = false;
/** Called once in the web server process (instrumentation.ts). */
export function trackPeerAddresses(): void {
  if (tracking) return;
  tracking = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
  });
}

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
function normalise(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return mapped ? mapped[1]! : a;
}

/** TRUSTED_PROXIES: addresses and CIDR ranges, comma-separated ("127.0.0.1, 10.0.0.0/8, fd00::/8"). */
export function parseTrustedProxies(raw: string | undefined): BlockList {
  const list = new BlockList();
  for (const item of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, bits] = item.split("/") as [string, string | undefined];
    const ip = normalise(addr);
    const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
    if (!isIP(ip)) throw new Error(`TRUSTED_PROXIES: "${item}" is not an IP address or CIDR range`);
    if (bits === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(bits), family);
  }
  return list;
}

let trustedCache: { raw: string | undefined; list: BlockList } | undefined;
function trusted(): BlockList {
  const raw = env().TRUSTED_PROXIES;
  if (!trustedCache || trustedCache.raw !== raw) trustedCache = { raw, list: parseTrustedProxies(raw) };
  return trustedCache.list;
}

const isTrusted = (list: BlockList, a: string) => {
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
};

let warned = false;

/**
 * The client's address: the socket's peer, unless the peer is a trusted proxy; then the nearest
 * X-Forwarded-For hop that is not itself a trusted proxy (proxies append the address they saw).
 */
export function clientAddress(headers: Headers, list: BlockList = trusted()): string {
  const peer = normalise(headers.get(PEER_HEADER) ?? "");
  if (!isIP(peer)) {
    // Only when the server was started without instrumentation.ts: one shared bucket, never a
    // client-chosen address.
    if (!warned) childLogger({}).error("request without its peer address: instrumentation.ts did not run");
    warned = true;
    return "unknown";
  }
  if (!isTrusted(list, peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalise).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIP(hops[i]!)) return peer; // a hop we cannot read: the chain is not ours to trust further
    if (!isTrusted(list, hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? peer;
}
