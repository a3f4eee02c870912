import { db } from "@/lib/platform/db";
import { AppError, notFound } from "@/lib/platform/errors";
import { assertFetchableUrl, RefusedUrlError, webhookGuard } from "../security/ssrf";
import type { TDeliveryDto, TWebhookCreate, TWebhookDto } from "../schemas/webhooks";
import { newWebhookSecret } from "./sign";

type Row = { id: string; url: string; description: string | null; active: boolean; createdAt: Date };
const toDto = (w: Row): TWebhookDto => ({
  id: w.id,
  url: w.url,
  description: w.description,
  active: w.active,
  createdAt: w.createdAt.toISOString(),
});

export async function listWebhooks(): Promise<TWebhookDto[]> {
  return (await db().webhook.findMany({ orderBy: { createdAt: "asc" } })).map(toDto);
}

// Admins only (route role). A URL that is or resolves to loopback, a private network or link-local
// (cloud metadata) is refused as live URLs are (issue #23: 127.0.0.1:56379 and 169.254.169.254 were
// accepted); WEBHOOK_ALLOW_HOSTS names receivers on the same network. A host that does not resolve yet
// is accepted: its deliveries fail, and each is checked again when it is sent (deliver-webhook.ts).
export async function createWebhook(input: TWebhookCreate): Promise<TWebhookDto> {
  try {
    await assertFetchableUrl(input.url, webhookGuard());
  } catch (err) {
    if (err instanceof RefusedUrlError) throw new AppError(422, err.message, "url_refused");
  }
  const row = await db().webhook.create({
    data: { url: input.url, description: input.description ?? null, secret: newWebhookSecret() },
  });
  return { ...toDto(row), secret: row.secret };
}

export async function deleteWebhook(id: string): Promise<void> {
  const { count } = await db().webhook.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Webhook");
}

export async function listDeliveries(q: { webhookId?: string; limit: number }): Promise<TDeliveryDto[]> {
  const rows = await db().webhookDelivery.findMany({
    where: q.webhookId ? { webhookId: q.webhookId } : {},
    orderBy: { createdAt: "desc" },
    take: q.limit,
    include: { webhook: { select: { url: true } } },
  });
  return rows.map((d) => ({
    id: d.id,
    webhookId: d.webhookId,
    url: d.webhook.url,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    error: d.error,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  }));
}
