import { route } from "@/lib/api/handler";
import { ZAspectRequest } from "@/lib/reframe/schemas";
import { requestAspect } from "@/lib/reframe/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

// POST {"aspect": "9:16"}: this highlight's clip cropped to 9:16 (1:1, 4:5), rendered in the editors'
// lane; GET /api/videos/<id>/highlights shows it under aspects once ready.
export const POST = route({ body: ZAspectRequest }, ({ params, body }) =>
  requestAspect(paramsOf(ZIdParams, params).id, body.aspect),
);
