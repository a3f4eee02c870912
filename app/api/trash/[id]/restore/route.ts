import { route } from "@/lib/api/handler";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { restoreVideo } from "@/lib/trash/service";

export const POST = route({ role: "editor" }, async ({ user, params }) => {
  await restoreVideo(user, paramsOf(ZIdParams, params).id);
  return { ok: true };
});
