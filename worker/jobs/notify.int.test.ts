import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/platform/db";
import { closeMailer } from "@/lib/notify/mailer";
import { verifySignature } from "@/lib/notify/sign";
import { createWebhook } from "@/lib/notify/webhooks";
import { enqueue } from "@/lib/queue";
import { makeUser, waitFor } from "@/test/fixtures";
import { startRuntime, type Runtime } from "../runtime";
import { deliverWebhookJob } from "./deliver-webhook";
import { notifyJob } from "./notify";
import type { JobDefinition } from "./types";
import { videoLifecycle } from "@/lib/videos/lifecycle";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";

// A local SMTP server and a local HTTP receiver stand in for the uploader's mailbox and an integration.
const mails: { to: string[]; raw: string }[] = [];
const hits: { headers: IncomingHttpHeaders; body: string }[] = [];
// The receiver answers 503 to each delivery's first attempt: it must be retried, then succeed. Keyed by
// delivery, since notify jobs left queued by other test files may deliver here too.
const seen = new Set<string>();
let smtp: SMTPServer;
let http: Server;
let runtime: Runtime;
let hookUrl: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  // Before anything reads lib/platform/env.ts: mail goes to the local server, links point at a known app URL.
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.MAIL_FROM = "Matchcut <noreply@matchcut.test>";
  process.env.APP_URL = "https://matchcut.example";
  // The receiver is on loopback, which webhook URLs may not point at otherwise (lib/security/ssrf.ts).
  process.env.WEBHOOK_ALLOW_HOSTS = "127.0.0.1";

  http = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      hits.push({ headers: req.headers, body });
      const id = String(req.headers["x-matchcut-delivery"]);
      res.statusCode = seen.has(id) ? 204 : 503;
      seen.add(id);
      res.end();
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks/matchcut`;
  runtime = startRuntime([notifyJob, deliverWebhookJob] as JobDefinition[]);
});

afterAll(async () => {
  await runtime.close();
  closeMailer();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => http.close(() => r()));
  await db().webhook.deleteMany({ where: { url: hookUrl } });
  await disconnectDb();
});

/** Quoted-printable soft breaks and =XX escapes, as nodemailer writes long lines. */
const unQp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    "latin1",
  ).toString("utf8");

describe("notifications when an analysis completes (real SMTP + HTTP receivers)", () => {
  it("e-mails the uploader and delivers a signed webhook, retrying a 503", async () => {
    const hook = await createWebhook({ url: hookUrl, description: "test receiver" });
    const owner = await makeUser("editor");
    const video = await db().video.create({
      data: {
        ownerId: owner.id,
        title: "Cup Final",
        originalName: "final.mp4",
        sourceKey: `test/${owner.id}.mp4`,
        size: 1n,
        ...videoLifecycle.seed("ready"),
        durationS: 5400,
        fps: 25,
      },
    });
    const analysis = await db().analysis.create({
      data: {
        videoId: video.id,
        modelId: "penalty-v1",
        modelVersion: "1",
        ...analysisLifecycle.seed("complete"),
        current: true,
        completedAt: new Date(),
      },
    });
    await db().highlight.create({
      data: {
        videoId: video.id,
        analysisId: analysis.id,
        label: "penalty",
        startS: 754.2,
        endS: 771,
        peak: 0.93,
        mean: 0.8,
      },
    });

    await enqueue(
      "notify",
      { videoId: video.id, analysisId: analysis.id, event: "analysis.completed" },
      { jobId: `${analysis.id}:notify:completed` },
    );

    const mail = await waitFor(async () => mails.find((m) => m.to.includes(owner.email)));
    const text = unQp(mail.raw);
    expect(text).toMatch(/^Subject: Your highlights are ready: Cup Final/m);
    expect(text).toMatch(/^From: Matchcut <noreply@matchcut\.test>/m);
    expect(text).toContain(`https://matchcut.example/videos/${video.id}`);
    expect(text).toContain(`https://matchcut.example/api/videos/${video.id}/clips.zip`);
    expect(text).toContain("penalty at 12:34–12:51");

    const delivery = await waitFor(async () => {
      // Other test files' analyses may notify this webhook while it is active: pick this event's delivery.
      const d = await db().webhookDelivery.findFirst({
        where: { webhookId: hook.id, eventId: `${analysis.id}:analysis.completed` },
      });
      return d?.status === "succeeded" ? d : null;
    }, 90_000);
    expect(delivery.attempts).toBe(2);
    expect(delivery.responseStatus).toBe(204);
    const mine = hits.filter((h) => h.headers["x-matchcut-delivery"] === delivery.id);
    expect(mine).toHaveLength(2);
    const hit = mine[1]!;
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(hit.headers["x-matchcut-event"]).toBe("analysis.completed");
    expect(hit.headers["x-matchcut-delivery"]).toBe(delivery.id);
    // What a receiver does: recompute the HMAC over the raw bytes it got, with the secret it was given.
    expect(verifySignature(hook.secret!, hit.body, hit.headers["x-matchcut-signature"] as string)).toBe(true);
    expect(verifySignature("whsec_wrong", hit.body, hit.headers["x-matchcut-signature"] as string)).toBe(
      false,
    );
    expect(mine[0]!.body).toBe(hit.body); // a retry sends the same bytes
    const payload = JSON.parse(hit.body) as {
      event: string;
      video: { id: string; url: string };
      highlights: { startS: number }[];
    };
    expect(payload.event).toBe("analysis.completed");
    expect(payload.video.url).toBe(`https://matchcut.example/videos/${video.id}`);
    expect(payload.highlights.map((h) => h.startS)).toEqual([754.2]);
  });
});
