import { route } from "@/lib/api/handler";
import { ZCropPatch } from "@/lib/reframe/schemas";
import { patchCrop } from "@/lib/reframe/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

// PUT {"keys": [{"t": 12.4, "x": 0.62}], "locked": false, "cropRevision": 3}: the editor's crop keyframes
// (source seconds → crop centre, a share of the width) and lock; the aspects asked for are re-rendered.
export const PUT = route({ role: "editor", body: ZCropPatch }, ({ params, body }) =>
  patchCrop(paramsOf(ZIdParams, params).id, body),
);
