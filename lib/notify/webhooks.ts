import { db } from "../db";
import { notFound } from "../errors";
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

// Admins only (route role). Any http(s) URL is allowed, internal ones too: delivering to a service on
// the same network is the common self-hosted case, and only admins can add one.
export async function createWebhook(input: TWebhookCreate): Promise<TWebhookDto> {
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
