import { route } from "@/lib/api/handler";
import { applySegments } from "@/lib/review/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { ZSegmentsApply } from "@/lib/schemas/review";

export const POST = route({ role: "editor", body: ZSegmentsApply }, ({ params, body }) =>
  applySegments(paramsOf(ZIdParams, params).id, body.params),
);
