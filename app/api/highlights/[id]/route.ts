import { route } from "@/lib/api/handler";
import { patchHighlight } from "@/lib/clips/service";
import { ZHighlightPatch } from "@/lib/schemas/highlights";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const PATCH = route({ role: "editor", body: ZHighlightPatch }, ({ params, body }) =>
  patchHighlight(paramsOf(ZIdParams, params).id, body),
);
