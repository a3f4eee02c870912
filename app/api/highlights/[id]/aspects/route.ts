import { route } from "@/lib/api/handler";
import { ZAspectRequest } from "@/lib/reframe/schemas";
import { requestAspect } from "@/lib/reframe/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

// POST {"aspect": "9:16", "brand": true}: this highlight's clip cropped to 9:16 (1:1, 4:5) and/or with
// the instance brand (any aspect), rendered in the editors' lane; GET /api/videos/<id>/highlights shows
// it under aspects (brandedAspects) once ready.
export const POST = route({ body: ZAspectRequest }, ({ params, body }) =>
  requestAspect(paramsOf(ZIdParams, params).id, { aspect: body.aspect, branded: body.brand }),
);
