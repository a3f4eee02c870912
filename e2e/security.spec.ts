// Issue #15 in Chromium: forged cross-site writes are refused, security headers are on every page and
// API route (and the pages still work under the CSP), an uploaded HTML file is never rendered.
import type { APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN, apiSignIn, expect, signIn, test } from "./helpers";

const APP = process.env.APP_URL ?? "http://localhost:3100";

/** An attacker's page, served on loopback under `host` (another origin than the app's). */
async function attackerPage(
  host: "127.0.0.1" | "localhost",
  html: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end(html),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

// The classic text/plain JSON smuggling form: name + "=" + value reads as one JSON object.
function forgedForm(email: string): string {
  const json = JSON.stringify({ email, name: "Forged", password: "password-123", role: "admin", pad: "" });
  const name = json.slice(0, -2);
  return `<form method="POST" action="${APP}/api/users" enctype="text/plain">
<input type="hidden" name='${name}' value='"}'></form><script>document.forms[0].submit()</script>`;
}

async function userExists(request: APIRequestContext, email: string): Promise<boolean> {
  const res = await request.get("/api/users");
  const { users } = (await res.json()) as { users: { email: string }[] };
  return users.some((u) => u.email === email);
}

for (const [kind, host] of [
  ["cross-origin", "127.0.0.1"],
  ["same-site (another port of the app's host)", "localhost"],
] as const) {
  test(`a ${kind} text/plain form POST with the admin's cookie is refused (403)`, async ({
    page,
    request,
    guard,
  }) => {
    guard.allow(/^HTTP 403: POST http:\/\/[^/]+\/api\/users$/); // the forged write, refused
    await signIn(page, ADMIN.email, ADMIN.password);
    const email = `forged-${randomUUID().slice(0, 8)}@test.local`;
    const attacker = await attackerPage(host, forgedForm(email));
    try {
      const response = page.waitForResponse(
        (r) => r.url() === `${APP}/api/users` && r.request().method() === "POST",
      );
      await page.goto(attacker.url);
      expect((await response).status()).toBe(403);
    } finally {
      await attacker.close();
    }
    await apiSignIn(request, ADMIN.email, ADMIN.password);
    expect(await userExists(request, email)).toBe(false);
  });
}

function expectSecurityHeaders(h: Record<string, string>, what: string): void {
  expect(h["content-security-policy"], what).toMatch(
    /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
  );
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"], what).toContain("object-src 'none'");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], what).toContain("camera=()");
  // Served over http here: HSTS only goes out on https.
  expect(h["strict-transport-security"], what).toBeUndefined();
}

test("security headers are on every page and API route, and the pages run under the CSP", async ({
  page,
  guard,
}) => {
  guard.allow(/^HTTP 404: GET http:\/\/[^/]+\/no-such-page$/);
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const login = await page.goto("/login");
  expectSecurityHeaders(login!.headers(), "/login");
  await signIn(page, ADMIN.email, ADMIN.password);
  const nonces = new Set<string>();
  for (const path of ["/", "/live", "/trash", "/admin/users", "/no-such-page"]) {
    const res = await page.goto(path);
    const h = res!.headers();
    expectSecurityHeaders(h, path);
    nonces.add(/'nonce-([^']+)'/.exec(h["content-security-policy"]!)![1]!);
  }
  expect(nonces.size).toBe(5); // a fresh nonce per response
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Library" })).toBeVisible();
  for (const [method, path] of [
    ["GET", "/api/me"],
    ["GET", "/api/videos"],
    ["GET", "/api/users"],
    ["GET", "/api/live"],
    ["GET", "/api/trash"],
    ["GET", `/api/videos/${randomUUID()}`],
    ["POST", "/api/auth/logout-not-a-route"],
  ] as const) {
    const res = await page.request.fetch(path, { method });
    expectSecurityHeaders(res.headers(), `${method} ${path}`);
  }
  expect(violations).toEqual([]);
});

/** Every app/api route file with the methods it exports, read from the source tree. */
async function apiRoutes(): Promise<{ url: string; method: string; file: string }[]> {
  const files = (await readdir("app/api", { recursive: true })).filter((f) => f.endsWith("route.ts")).sort();
  const out = [];
  for (const f of files) {
    const src = await readFile(`app/api/${f}`, "utf8");
    const url = `/api/${f}`.replace(/\/route\.ts$/, "").replace(/\[(?:\.\.\.)?\w+\]/g, randomUUID());
    for (const m of src.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)) {
      out.push({ url, method: m[1]!, file: f });
    }
  }
  return out;
}

test("every API route answers with the security headers, refusals and errors included", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const routes = await apiRoutes();
  expect(routes.length).toBeGreaterThan(30);
  for (const r of routes) {
    // Writes are sent cross-site so the wrapper refuses them (403) before any handler runs.
    const res = await page.request.fetch(r.url, {
      method: r.method,
      ...(r.method === "GET"
        ? {}
        : { headers: { origin: "http://evil.example", "content-type": "application/json" }, data: "{}" }),
    });
    const what = `${r.method} ${r.file} → ${res.status()}`;
    if (r.method !== "GET") expect(res.status(), what).toBe(403);
    const h = res.headers();
    if (r.file === "uploads/[id]/part/route.ts") {
      // Outside proxy.ts (streamed body): the wrapper sets the API variant of the headers.
      expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
      expect(h["x-content-type-options"], what).toBe("nosniff");
      expect(h["x-frame-options"], what).toBe("DENY");
      expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    } else {
      expectSecurityHeaders(h, what);
    }
  }
});

test("an uploaded HTML file is stored opaque and downloads instead of rendering", async ({
  page,
  request,
}) => {
  await apiSignIn(request, ADMIN.email, ADMIN.password);
  const html = Buffer.from(
    `<html><body><h1 id="pwned">stored html</h1><script>document.title="pwned"</script></body></html>`,
  );
  const start = await request.post("/api/uploads", {
    data: {
      fileName: `page-${randomUUID().slice(0, 6)}.html`,
      size: html.byteLength,
      lastModified: Date.now(),
      contentType: "text/html",
    },
  });
  expect(start.status(), await start.text()).toBeLessThan(300);
  const upload = (await start.json()) as { id: string };
  const presigned = await request.post(`/api/uploads/${upload.id}/parts`, { data: { partNumbers: [1] } });
  const { urls } = (await presigned.json()) as { urls: { url: string }[] };
  const put = await request.fetch(urls[0]!.url, { method: "PUT", data: html });
  expect(put.status()).toBe(200);
  const etag = put.headers()["etag"]!;
  const done = await request.post(`/api/uploads/${upload.id}/complete`, {
    data: { parts: [{ partNumber: 1, etag }] },
  });
  expect(done.status(), await done.text()).toBe(201);
  const { videoId } = (await done.json()) as { videoId: string };
  const { sourceUrl: link } = (await (await request.get(`/api/videos/${videoId}`)).json()) as {
    sourceUrl: string;
  };
  const sourceUrl = new URL(link, APP).href;

  const direct = await request.get(sourceUrl);
  expect(direct.headers()["content-type"]).toBe("application/octet-stream");
  expect(direct.headers()["content-disposition"]).toMatch(/^attachment/);

  // In the browser, opening the link downloads the file: no document is rendered, no script runs.
  await signIn(page, ADMIN.email, ADMIN.password);
  const download = page.waitForEvent("download");
  await page.goto(sourceUrl).catch(() => undefined);
  expect((await download).url()).toBe(sourceUrl);
  await expect(page).not.toHaveTitle("pwned");
});
