import { route } from "@/lib/api/handler";
import { ZVideoAspectRequest } from "@/lib/reframe/schemas";
import { requestVideoAspect } from "@/lib/reframe/video";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

// POST {"aspect": "9:16", "brand": true, "label": "penalty"}: every clip not rejected (of that label) in
// that variant, for the ZIP (GET clips.zip?aspect=9:16&brand=1) and the cards' downloads.
export const POST = route({ body: ZVideoAspectRequest }, ({ params, body }) =>
  requestVideoAspect(
    paramsOf(ZIdParams, params).id,
    { aspect: body.aspect, branded: body.brand },
    body.label ?? null,
  ),
);
