import { z } from "zod";

export const ZWebhookCreate = z.object({
  url: z
    .url({ protocol: /^https?$/, message: "Webhook URL must be an http(s) URL" })
    .max(2000, "Webhook URL is too long"),
  description: z.string().trim().max(200, "Description is too long").optional(),
});
export type TWebhookCreate = z.infer<typeof ZWebhookCreate>;

export const ZDeliveriesQuery = z.object({
  webhookId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export interface TWebhookDto {
  id: string;
  url: string;
  description: string | null;
  active: boolean;
  createdAt: string;
  /** only in the POST response: the secret is shown once, like an API key */
  secret?: string;
}

export interface TDeliveryDto {
  id: string;
  webhookId: string;
  url: string;
  event: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
