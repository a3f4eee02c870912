import { route } from "@/lib/api/handler";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { revokeShareLink } from "@/lib/shares/service";

export const DELETE = route({ role: "admin" }, async ({ params }) => {
  await revokeShareLink(paramsOf(ZIdParams, params).id);
  return { ok: true };
});
