import { route } from "@/lib/api/handler";
import { listDeliveries } from "@/lib/notify/webhooks";
import { ZDeliveriesQuery } from "@/lib/schemas/webhooks";

export const GET = route({ role: "admin" }, async ({ req }) => {
  const q = ZDeliveriesQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return { deliveries: await listDeliveries(q) };
});
