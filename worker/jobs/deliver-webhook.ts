import { db } from "@/lib/platform/db";
import { childLogger } from "@/lib/platform/logger";
import { guardedPost } from "@/lib/notify/post";
import { SIGNATURE_HEADER, signBody } from "@/lib/notify/sign";
import { RefusedUrlError, webhookGuard } from "@/lib/security/ssrf";
import { job, PermanentError } from "./types";

const TIMEOUT_MS = 10_000;

// A receiver that answers 4xx rejected the request itself: retrying the same bytes will not help.
// 408 and 429 are the exceptions that ask for a retry. Everything else (5xx, network) is retried with
// exponential backoff (lib/pipeline/graph.ts).
const permanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/** POSTs one stored delivery body, signed, and records every attempt in the delivery log. */
export const deliverWebhookJob = job("deliver-webhook", {
  options: { concurrency: 4, timeoutMs: 60_000 },

  async handle({ deliveryId }, ctx) {
    const log = childLogger({ deliveryId, jobId: ctx.jobId, job: "deliver-webhook" });
    const d = await db().webhookDelivery.findUnique({
      where: { id: deliveryId },
      include: { webhook: true },
    });
    if (!d) return log.info("delivery is gone (webhook deleted)");
    if (d.status !== "pending") return log.info({ status: d.status }, "already settled");
    if (!d.webhook.active) throw new PermanentError("webhook was disabled");

    let status: number | null = null;
    let error: string | null = null;
    let refused: string | null = null;
    try {
      const res = await guardedPost(d.webhook.url, {
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Matchcut-Webhooks/1",
          "X-Matchcut-Event": d.event,
          "X-Matchcut-Delivery": d.id,
          [SIGNATURE_HEADER]: signBody(d.webhook.secret, d.body),
        },
        body: d.body,
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]),
        // Checked again at every delivery: a webhook stored before the check existed, or a name that
        // now resolves into our network, is refused before a packet is sent.
        guard: webhookGuard(),
      });
      status = res.status;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      if (err instanceof RefusedUrlError) refused = err.message;
      error =
        refused ??
        ((err as Error).name === "TimeoutError" ||
        ((err as Error).name === "AbortError" && !ctx.signal.aborted)
          ? `no answer within ${TIMEOUT_MS / 1000} s`
          : `network error: ${(err as Error).message}`);
    }

    await db().webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: { increment: 1 },
        responseStatus: status,
        error,
        ...(error ? {} : { status: "succeeded", deliveredAt: new Date() }),
      },
    });
    if (!error) return log.info({ status }, "delivered");
    if (refused) throw new PermanentError(refused);
    if (status !== null && permanent(status))
      throw new PermanentError(`receiver refused the delivery: ${error}`);
    throw new Error(error);
  },

  async onFailed({ deliveryId }, message) {
    await db().webhookDelivery.updateMany({
      where: { id: deliveryId, status: "pending" },
      data: { status: "failed", error: message },
    });
  },
});
