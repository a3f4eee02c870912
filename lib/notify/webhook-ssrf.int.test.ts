// Issue #23: admin webhooks accepted loopback, private and link-local URLs (127.0.0.1:56379 and
// 169.254.169.254 were). They now go through the live URLs' guard when created and when delivered. A
// loopback receiver runs here: the refused deliveries must never reach it (no packet is sent), and
// nothing in this file sends a packet off loopback (refused addresses are never connected to).
delete process.env.WEBHOOK_ALLOW_HOSTS;

import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/webhooks/route";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeQueues, enqueue } from "@/lib/queue";
import { makeUser, waitFor } from "@/test/fixtures";
import { call, cookieFor } from "@/test/routes";
import { startRuntime, type Runtime } from "@/worker/runtime";
import { deliverWebhookJob } from "@/worker/jobs/deliver-webhook";
import type { JobDefinition } from "@/worker/jobs/types";

let receiver: Server;
let port: number;
let hits = 0;
let admin: string;
let runtime: Runtime;
const stored: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    hits++;
    req.resume();
    res.end();
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  port = (receiver.address() as AddressInfo).port;
  admin = await cookieFor((await makeUser("admin")).id);
  runtime = startRuntime([deliverWebhookJob as JobDefinition]);
});
afterAll(async () => {
  // Should a refusal ever fail, no webhook to these addresses may stay for another test's notify to use.
  const urls = [...stored, ...REFUSED_URLS.flatMap((u) => [u, new URL(u).href])];
  await db().webhook.deleteMany({ where: { url: { in: urls } } });
  await runtime.close();
  await new Promise<void>((r) => receiver.close(() => r()));
  await closeQueues();
  await disconnectDb();
});

const REFUSED_URLS = [
  "http://127.0.0.1:56379/",
  "http://169.254.169.254/latest/meta-data/",
  "http://[::1]:8080/hook",
  "http://10.0.0.7/hook",
  "http://192.168.1.20:9000/hook",
  "http://0x7f000001/hook",
  "http://[::ffff:169.254.169.254]/",
  "http://localhost:3000/hook",
];
const REFUSED = /^This URL is not allowed: .*WEBHOOK_ALLOW_HOSTS/;

describe("webhook URLs go through the SSRF guard", () => {
  it.each(REFUSED_URLS)("refuses %s at creation with 422 and stores nothing", async (url) => {
    const res = await call(createRoute, {
      method: "POST",
      path: "/api/webhooks",
      cookie: admin,
      json: { url, description: "ssrf" },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(REFUSED);
    expect(await db().webhook.count({ where: { url: new URL(url).href } })).toBe(0);
    expect(await db().webhook.count({ where: { url } })).toBe(0);
  });

  it("refuses a stored loopback webhook at delivery, once, without a packet reaching it", async () => {
    // Rows as a webhook created before the check (or a name now resolving to loopback) leaves them.
    const urls = [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`];
    const ids: string[] = [];
    stored.push(...urls);
    for (const url of urls) {
      const hook = await db().webhook.create({ data: { url, secret: "s".repeat(32) } });
      const d = await db().webhookDelivery.create({
        data: { webhookId: hook.id, eventId: randomUUID(), event: "analysis.completed", body: "{}" },
      });
      ids.push(d.id);
      await enqueue("deliver-webhook", { deliveryId: d.id });
    }
    const settled = await waitFor(async () => {
      const rows = await db().webhookDelivery.findMany({ where: { id: { in: ids } } });
      return rows.every((r) => r.status === "failed") ? rows : null;
    }, 30_000);
    for (const r of settled) {
      expect(r.error).toMatch(REFUSED);
      expect(r.attempts).toBe(1); // refused for good: no retries
      expect(r.responseStatus).toBeNull();
    }
    expect(hits).toBe(0);
  });
});
