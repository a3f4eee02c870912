import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Matchcut-Signature";

/** `sha256=<hex HMAC-SHA256 of the raw body>`, GitHub's scheme, so receivers can reuse their verifier. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** What a receiver does: recompute over the raw bytes and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;
