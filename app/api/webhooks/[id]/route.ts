import { route } from "@/lib/api/handler";
import { deleteWebhook } from "@/lib/notify/webhooks";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const DELETE = route({ role: "admin" }, async ({ params }) => {
  await deleteWebhook(paramsOf(ZIdParams, params).id);
  return { ok: true };
});
