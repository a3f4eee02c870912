// Sign-in limits against real Redis (issue #23). The route is called in-process with the peer address
// the web server would stamp on the request (lib/security/client-address.ts).
process.env.TRUSTED_PROXIES = "10.20.30.40";

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { createUser } from "../auth/users";
import { disconnectDb } from "@/lib/platform/db";
import { closeQueues } from "../queue";
import { call } from "@/test/routes";
import { PEER_HEADER, trackPeerAddresses } from "./client-address";
import { ACCOUNT_ALL_ADDRESSES_PER_MIN, ACCOUNT_FAILURES_PER_MIN } from "./login-limit";

afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

const attempt = (email: string, password: string, peer: string, xff?: string) =>
  call(login, {
    method: "POST",
    path: "/api/auth/login",
    headers: { [PEER_HEADER]: peer, ...(xff ? { "x-forwarded-for": xff } : {}) },
    json: { email, password },
  });

const n = () => Math.floor(Math.random() * 250) + 1;
async function account(password = "right-password") {
  const email = `limit-${randomUUID()}@test.local`;
  await createUser({ email, name: "Limit", password, role: "viewer" });
  return email;
}

describe("sign-in rate limit (Redis)", () => {
  it("refuses the 11th wrong password from one address with 429 and Retry-After", async () => {
    const email = await account();
    const ip = `203.0.113.${n()}`;
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN; i++) {
      expect((await attempt(email, "wrong-password", ip)).status).toBe(401);
    }
    const eleventh = await attempt(email, "wrong-password", ip);
    expect(eleventh.status).toBe(429);
    const retry = Number(eleventh.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await eleventh.json()) as { error: string }).error).toMatch(/Too many failed sign-ins/);
  });

  it("counts 40 parallel guesses atomically: exactly 10 are tried", async () => {
    const email = await account();
    const ip = `198.51.100.${n()}`;
    const res = await Promise.all(
      Array.from({ length: 40 }, () => attempt(email, "wrong-password", ip).then((r) => r.status)),
    );
    expect(res.filter((s) => s === 401)).toHaveLength(ACCOUNT_FAILURES_PER_MIN);
    expect(res.filter((s) => s === 429)).toHaveLength(40 - ACCOUNT_FAILURES_PER_MIN);
  });

  it("lets the owner in from their own address while another address hammers the account", async () => {
    const email = await account();
    const home = `192.0.2.${n()}`;
    const attacker = `203.0.113.${n()}`;
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN + 5; i++) await attempt(email, "guess", attacker);
    expect((await attempt(email, "guess", attacker)).status).toBe(429);
    expect((await attempt(email, "right-password", attacker)).status).toBe(429);
    expect((await attempt(email, "right-password", home)).status).toBe(200);
  });

  it("bounds guessing from many addresses, and still lets the owner in from an address they used", async () => {
    const email = await account();
    const home = `192.0.2.${n()}`;
    expect((await attempt(email, "right-password", home)).status).toBe(200);
    // 10 addresses × 10 guesses use up the account's 100 a minute from addresses it never used
    const base = n() % 200;
    const addresses = Array.from(
      { length: ACCOUNT_ALL_ADDRESSES_PER_MIN / 10 },
      (_, i) => `100.64.9.${base + i}`,
    );
    for (let round = 0; round < 10; round++)
      await Promise.all(addresses.map((a) => attempt(email, "guess", a)));
    expect((await attempt(email, "right-password", `198.18.0.${n()}`)).status).toBe(429);
    expect((await attempt(email, "right-password", home)).status).toBe(200);
  });

  it("a success clears the count of its account and address", async () => {
    const email = await account();
    const ip = `192.0.2.${n()}`;
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN - 1; i++) await attempt(email, "nope-nope", ip);
    expect((await attempt(email, "right-password", ip)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN; i++)
      expect((await attempt(email, "nope-nope", ip)).status).toBe(401);
  });

  it("ignores X-Forwarded-For from a client, believes it from TRUSTED_PROXIES", async () => {
    const email = await account();
    const client = `203.0.113.${n()}`;
    // A direct client rotating the header is still one address.
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN; i++)
      expect((await attempt(email, "guess", client, `198.51.100.${i + 1}`)).status).toBe(401);
    expect((await attempt(email, "guess", client, "192.0.2.250")).status).toBe(429);
    // Through the trusted proxy, the address it appended is the client's own.
    const other = await account();
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN; i++)
      expect((await attempt(other, "guess", "10.20.30.40", `6.6.6.6, ${client}`)).status).toBe(401);
    expect((await attempt(other, "guess", "10.20.30.40", client)).status).toBe(429);
    expect((await attempt(other, "guess", "10.20.30.40", `198.51.100.${n()}`)).status).toBe(401);
  });

  it("the server stamps each request with its socket's address, over anything the client sent", async () => {
    trackPeerAddresses();
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(String(req.headers[PEER_HEADER]));
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "6.6.6.6" } });
    await new Promise<void>((r) => server.close(() => r()));
    expect(seen).toEqual(["127.0.0.1"]);
  });
});
