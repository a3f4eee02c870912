import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { createUser } from "../auth/users";
import { disconnectDb } from "../db";
import { closeQueues } from "../queue";
import { call } from "@/test/routes";
import { ACCOUNT_FAILURES_PER_MIN } from "./login-limit";

afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

const attempt = (email: string, password: string, ip: string) =>
  call(login, {
    method: "POST",
    path: "/api/auth/login",
    headers: { "x-forwarded-for": ip },
    json: { email, password },
  });

describe("sign-in rate limit (Redis)", () => {
  it("refuses the 11th wrong password within a minute with 429 and Retry-After, even the right one", async () => {
    const email = `limit-${randomUUID()}@test.local`;
    await createUser({ email, name: "Limit", password: "right-password", role: "viewer" });
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN; i++) {
      expect((await attempt(email, "wrong-password", ip)).status).toBe(401);
    }
    const eleventh = await attempt(email, "wrong-password", ip);
    expect(eleventh.status).toBe(429);
    const retry = Number(eleventh.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await eleventh.json()) as { error: string }).error).toMatch(/Too many failed sign-ins/);
    // Locked out for this account from any address, the right password included.
    expect((await attempt(email, "right-password", "198.51.100.7")).status).toBe(429);
  });

  it("a success clears the account's count", async () => {
    const email = `clear-${randomUUID()}@test.local`;
    await createUser({ email, name: "Clear", password: "right-password", role: "viewer" });
    const ip = `192.0.2.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < ACCOUNT_FAILURES_PER_MIN - 1; i++) await attempt(email, "nope-nope", ip);
    expect((await attempt(email, "right-password", ip)).status).toBe(200);
    expect((await attempt(email, "nope-nope", ip)).status).toBe(401);
  });
});
