import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { childLogger } from "@/lib/platform/logger";
import { sendMail } from "@/lib/notify/mailer";
import { analysisMail, webhookBody, type NotifyFacts } from "@/lib/notify/messages";
import { job, type NextJob } from "./types";

/**
 * Fans an analysis outcome out to every active webhook (one delivery row + one deliver-webhook job
 * each, committed together) and e-mails the uploader. Webhooks first: their rows are idempotent (unique per webhook and
 * event), so a retry after a failed e-mail does not deliver twice.
 */
export const notifyJob = job("notify", {
  options: { concurrency: 2, timeoutMs: 2 * 60_000 },

  async handle({ videoId, analysisId, event }, ctx) {
    const log = childLogger({ videoId, analysisId, event, jobId: ctx.jobId, job: "notify" });
    const video = await db().video.findUnique({ where: { id: videoId }, include: { owner: true } });
    const analysis = await db().analysis.findUnique({
      where: { id: analysisId },
      include: { highlights: { where: { status: { not: "rejected" } }, orderBy: { startS: "asc" } } },
    });
    if (!video || !analysis) return log.info("video or analysis is gone; nothing to tell");
    const facts: NotifyFacts = {
      event,
      appUrl: env().APP_URL,
      video: { id: video.id, title: video.title, durationS: video.durationS, error: video.error },
      owner: { name: video.owner.name, email: video.owner.email },
      analysis: { id: analysis.id, modelId: analysis.modelId, error: analysis.error },
      highlights: analysis.highlights,
      occurredAt: analysis.completedAt ?? new Date(),
    };

    const eventId = `${analysisId}:${event}`;
    const body = webhookBody(facts);
    const hooks = await db().webhook.findMany({ where: { active: true }, select: { id: true } });
    // The delivery rows and their jobs commit together; the jobs are dispatched before the mail is sent.
    await ctx.commit(async (tx) => {
      const next: NextJob<"notify">[] = [];
      for (const hook of hooks) {
        const d = await tx.webhookDelivery.upsert({
          where: { webhookId_eventId: { webhookId: hook.id, eventId } },
          create: { webhookId: hook.id, eventId, event, body },
          update: {},
        });
        if (d.status === "pending") next.push({ job: "deliver-webhook", data: { deliveryId: d.id } });
      }
      return { next };
    });

    await sendMail({ to: video.owner.email, ...analysisMail(facts) });
    log.info({ webhooks: hooks.length, mailed: Boolean(env().SMTP_URL) }, "notified");
    return { webhooks: hooks.length };
  },
});
