import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZHighlightPatch } from "../schemas/highlights";
import { ZWebhookCreate } from "../schemas/webhooks";
import { analysisMail, webhookBody, type NotifyFacts } from "./messages";
import { signBody, verifySignature } from "./sign";

const facts: NotifyFacts = {
  event: "analysis.failed",
  appUrl: "https://mc.example/",
  video: { id: "v1", title: "Final\r\nBcc: x@y", durationS: 10, error: null },
  owner: { name: "Ana", email: "ana@example.com" },
  analysis: { id: "a1", modelId: "m", error: "no video stream" },
  highlights: [],
  occurredAt: new Date("2026-01-02T03:04:05Z"),
};

describe("webhook signatures", () => {
  it("is sha256=<hex HMAC of the raw body>", () => {
    const body = '{"a":1}';
    expect(signBody("s3cret", body)).toBe(
      `sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`,
    );
    expect(verifySignature("s3cret", body, signBody("s3cret", body))).toBe(true);
    expect(verifySignature("s3cret", body + " ", signBody("s3cret", body))).toBe(false);
    expect(verifySignature("s3cret", body, undefined)).toBe(false);
  });
});

describe("notification messages", () => {
  it("says why an analysis failed, on one subject line, with a link", () => {
    const m = analysisMail(facts);
    expect(m.subject).toBe("Analysis failed: Final Bcc: x@y");
    expect(m.text).toContain("no video stream");
    expect(m.text).toContain("https://mc.example/videos/v1");
  });
  it("webhook body names the event and links", () => {
    const b = JSON.parse(webhookBody(facts)) as { event: string; video: { url: string } };
    expect(b).toMatchObject({ event: "analysis.failed", video: { url: "https://mc.example/videos/v1" } });
  });
});

describe("request schemas", () => {
  it("accepts http(s) webhook URLs only", () => {
    expect(ZWebhookCreate.safeParse({ url: "https://hooks.example.com/x" }).success).toBe(true);
    const bad = ZWebhookCreate.safeParse({ url: "file:///etc/passwd" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("Webhook URL must be an http(s) URL");
  });
  it("rejects empty, inverted or unknown highlight patches with a clear message", () => {
    expect(ZHighlightPatch.safeParse({}).error?.issues[0]?.message).toBe("Nothing to change");
    expect(ZHighlightPatch.safeParse({ startS: 5, endS: 4 }).error?.issues[0]?.message).toBe(
      "The end must be after the start",
    );
    expect(ZHighlightPatch.safeParse({ status: "maybe" }).success).toBe(false);
    expect(ZHighlightPatch.safeParse({ startS: -1 }).error?.issues[0]?.message).toBe(
      "Times cannot be negative",
    );
    expect(ZHighlightPatch.safeParse({ label: "x" }).success).toBe(false);
    expect(ZHighlightPatch.parse({ status: "accepted" })).toEqual({ status: "accepted" });
  });
});
