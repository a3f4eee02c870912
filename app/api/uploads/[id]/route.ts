import { route } from "@/lib/api/handler";
import { ZIdParams } from "@/lib/schemas/ids";
import { abortUpload } from "@/lib/uploads/service";
import { paramsOf } from "@/lib/schemas/params";

export const DELETE = route({ role: "editor" }, async ({ user, params }) => {
  await abortUpload(user, paramsOf(ZIdParams, params).id);
  return { ok: true };
});
