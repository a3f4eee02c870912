import { route } from "@/lib/api/handler";
import { createHighlight } from "@/lib/review/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { ZHighlightCreate } from "@/lib/schemas/review";

// Lives under review/ because GET /api/videos/[id]/highlights belongs to the clips feature (issue #5).
export const POST = route({ role: "editor", body: ZHighlightCreate }, ({ params, body }) =>
  createHighlight(paramsOf(ZIdParams, params).id, body),
);
