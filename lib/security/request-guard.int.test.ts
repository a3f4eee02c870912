// The route wrapper's defences, against the real database: CSRF (Origin / Sec-Fetch-Site / content
// type), the body cap, strings PostgreSQL cannot store, and database errors from bad input.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "@/test/fixtures";
import { allRoutes, call, cookieFor, paramsFor, urlFor, type RouteMethod } from "@/test/routes";
import { POST as createUserRoute } from "@/app/api/users/route";
import { PrismaPg } from "@prisma/adapter-pg";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { PrismaClient } from "../generated/prisma/client";
import { closeQueues } from "../queue";
import { mapDatabaseError } from "./db-errors";
import { MAX_JSON_BYTES } from "./json-body";

let adminCookie: string;
let routes: RouteMethod[];
beforeAll(async () => {
  adminCookie = await cookieFor((await makeUser("admin")).id);
  routes = await allRoutes();
});
afterAll(async () => {
  await closeQueues();
  await disconnectDb();
});

const newUser = () => ({
  email: `csrf-${randomUUID()}@test.local`,
  name: "Forged",
  password: "password-123",
  role: "admin",
});
const formBody = (u: ReturnType<typeof newUser>) => `${JSON.stringify(u)}=`;
const exists = async (email: string) => (await db().user.count({ where: { email } })) > 0;

describe("cross-site writes", () => {
  it("refuses a text/plain form POST from another origin with a valid admin cookie (403)", async () => {
    const u = newUser();
    const res = await call(createUserRoute, {
      method: "POST",
      path: "/api/users",
      cookie: adminCookie,
      headers: {
        "content-type": "text/plain",
        origin: "http://evil.example",
        "sec-fetch-site": "cross-site",
      },
      body: formBody(u),
    });
    expect(res.status).toBe(403);
    expect(await exists(u.email)).toBe(false);
  });

  it("refuses the same form from another port of the same host (same-site, cookie sent) (403)", async () => {
    const u = newUser();
    const res = await call(createUserRoute, {
      method: "POST",
      path: "/api/users",
      cookie: adminCookie,
      headers: { "content-type": "text/plain", origin: "http://localhost:1", "sec-fetch-site": "same-site" },
      body: formBody(u),
    });
    expect(res.status).toBe(403);
    expect(await exists(u.email)).toBe(false);
  });

  it("refuses a same-origin write that is not JSON (415) and accepts the app's own JSON request", async () => {
    const u = newUser();
    const plain = await call(createUserRoute, {
      method: "POST",
      path: "/api/users",
      cookie: adminCookie,
      headers: { "content-type": "text/plain", "sec-fetch-site": "same-origin" },
      body: JSON.stringify(u),
    });
    expect(plain.status).toBe(415);
    const ok = await call(createUserRoute, {
      method: "POST",
      path: "/api/users",
      cookie: adminCookie,
      headers: { "sec-fetch-site": "same-origin" },
      json: u,
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(await exists(u.email)).toBe(true);
  });

  it("checks every state-changing route: a cross-site request never reaches it", async () => {
    const id = randomUUID();
    const writes = routes.filter((r) => r.method !== "GET");
    expect(writes.length).toBeGreaterThan(10);
    for (const r of writes) {
      const res = await call(r.handler, {
        method: r.method,
        path: urlFor(r.file, id),
        params: paramsFor(r.file, id),
        cookie: adminCookie,
        headers: { "content-type": "application/json", origin: "http://evil.example" },
        body: "{}",
      });
      expect(res.status, `${r.method} ${r.file}`).toBe(403);
    }
  });
});

describe("request bodies", () => {
  it("refuses a 5 MB body with a declared length before reading it (413)", async () => {
    const res = await call(createUserRoute, {
      method: "POST",
      path: "/api/users",
      cookie: adminCookie,
      headers: { "content-length": String(5 * 1024 * 1024) },
      json: newUser(),
    });
    expect(res.status).toBe(413);
  });

  it("stops reading an undeclared (chunked) 5 MB body at the cap (413) without buffering the rest", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const total = (5 * 1024 * 1024) / chunk.byteLength;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (pulled === 0) ctrl.enqueue(new TextEncoder().encode('{"name":"'));
        if (pulled++ >= total) return ctrl.close();
        ctrl.enqueue(chunk);
      },
    });
    const before = process.memoryUsage().rss;
    const res = await call(createUserRoute, {
      method: "POST",
      path: "/api/users",
      cookie: adminCookie,
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body,
    });
    expect(res.status).toBe(413);
    // The reader stopped just past 1 MB: the other ~4 MB were never pulled from the client.
    expect(pulled * chunk.byteLength).toBeLessThan(MAX_JSON_BYTES + 4 * chunk.byteLength);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("answers NUL and lone surrogates with 422 on every route that takes a body", async () => {
    const id = randomUUID();
    const withBody = routes.filter((r) => r.takesBody);
    // The table is read from the route files; make sure it found the ones we know take bodies.
    expect(withBody.map((r) => `${r.method} ${r.file}`)).toEqual(
      expect.arrayContaining(["POST app/api/auth/login/route.ts", "POST app/api/users/route.ts"]),
    );
    expect(withBody.length).toBeGreaterThanOrEqual(10);
    for (const bad of ["a\u0000b", "a\ud800b"]) {
      for (const r of withBody) {
        const res = await call(r.handler, {
          method: r.method,
          path: urlFor(r.file, id),
          params: paramsFor(r.file, id),
          cookie: adminCookie,
          json: { email: bad, password: bad, name: bad, title: bad, url: bad, nested: [{ note: bad }] },
        });
        const text = await res.text();
        expect(res.status, `${r.method} ${r.file}: ${text}`).toBe(422);
      }
    }
  });
});

describe("database errors from bad input", () => {
  it("maps PostgreSQL's refusal of a NUL byte to 422, not 500", async () => {
    const err = await db()
      .user.create({ data: { email: `x\u0000${randomUUID()}`, name: "n", passwordHash: "x" } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(mapDatabaseError(err)?.status).toBe(422);
  });

  it("maps a unique violation to 409 and a missing row to 404", async () => {
    const u = await makeUser("viewer");
    const dup = await db()
      .user.create({ data: { email: u.email, name: "n", passwordHash: "x" } })
      .catch((e: unknown) => e);
    expect(mapDatabaseError(dup)?.status).toBe(409);
    const gone = await db()
      .user.update({ where: { id: randomUUID() }, data: { name: "n" } })
      .catch((e: unknown) => e);
    expect(mapDatabaseError(gone)?.status).toBe(404);
    expect(mapDatabaseError(new Error("boom"))).toBeNull();
  });

  it("maps a database that cannot be reached to 503 with Retry-After, not a masked 500", async () => {
    // A real client against a loopback port where nothing listens (what a PostgreSQL restart looks like).
    const url = new URL(env().DATABASE_URL);
    url.hostname = "127.0.0.1";
    url.port = "1";
    const down = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
    try {
      const err = await down.user.findFirst().catch((e: unknown) => e);
      const mapped = mapDatabaseError(err);
      expect(mapped?.status).toBe(503);
      expect(mapped?.headers?.["Retry-After"]).toBe("5");
      expect(mapped?.message).toMatch(/database is unavailable/);
    } finally {
      await down.$disconnect();
    }
  });
});
