import { route } from "@/lib/api/handler";
import { listLabels, setReviewComplete } from "@/lib/labels/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { ZReviewComplete } from "@/lib/schemas/labels";
import { paramsOf } from "@/lib/schemas/params";

// "Review complete": everything outside the video's accepted highlights is background for retraining.
export const GET = route({ role: "viewer" }, ({ params }) => listLabels(paramsOf(ZIdParams, params).id));

export const PUT = route({ role: "editor", body: ZReviewComplete }, ({ params, body }) =>
  setReviewComplete(paramsOf(ZIdParams, params).id, body.complete),
);
