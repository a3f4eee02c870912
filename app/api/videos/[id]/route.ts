import { route } from "@/lib/api/handler";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { ZVideoPatch } from "@/lib/schemas/videos";
import { trashVideo } from "@/lib/trash/service";
import { getVideo, renameVideo } from "@/lib/videos/service";

export const GET = route({}, ({ params }) => getVideo(paramsOf(ZIdParams, params).id));

export const PATCH = route({ role: "editor", body: ZVideoPatch }, ({ params, body }) =>
  renameVideo(paramsOf(ZIdParams, params).id, body),
);

// To the trash (restorable for 30 days); editors may delete only their own videos, admins any.
export const DELETE = route({ role: "editor" }, async ({ user, params }) => {
  await trashVideo(user, paramsOf(ZIdParams, params).id);
  return { ok: true };
});
