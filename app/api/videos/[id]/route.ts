import { route } from "../../../../lib/api/handler";
import { ZIdParams } from "../../../../lib/schemas/ids";
import { paramsOf } from "../../../../lib/schemas/params";
import { ZVideoPatch } from "../../../../lib/schemas/videos";
import { deleteVideo, getVideo, renameVideo } from "../../../../lib/videos/service";

export const GET = route({}, ({ params }) => getVideo(paramsOf(ZIdParams, params).id));

export const PATCH = route({ role: "editor", body: ZVideoPatch }, ({ params, body }) =>
  renameVideo(paramsOf(ZIdParams, params).id, body),
);

export const DELETE = route({ role: "editor" }, async ({ params }) => {
  await deleteVideo(paramsOf(ZIdParams, params).id);
  return { ok: true };
});
