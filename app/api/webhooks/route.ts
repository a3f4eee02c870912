import { route } from "@/lib/api/handler";
import { createWebhook, listWebhooks } from "@/lib/notify/webhooks";
import { ZWebhookCreate } from "@/lib/schemas/webhooks";

export const GET = route({ role: "admin" }, async () => ({ webhooks: await listWebhooks() }));

// The response is the only time the signing secret is shown.
export const POST = route({ role: "admin", body: ZWebhookCreate }, async ({ body }) => createWebhook(body));
