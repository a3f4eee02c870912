import { route } from "@/lib/api/handler";
import { exportLabels, importLabels } from "@/lib/labels/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { ZLabelsV2 } from "@/lib/schemas/labels";
import { paramsOf } from "@/lib/schemas/params";

// Labels in the SoccerNet Labels-v2.json shape (issue #14): GET exports, PUT imports (replacing the
// video's earlier imported labels; review decisions stay).
export const GET = route({ role: "viewer" }, ({ params }) => exportLabels(paramsOf(ZIdParams, params).id));

export const PUT = route({ role: "editor", body: ZLabelsV2 }, ({ params, body, user }) =>
  importLabels(paramsOf(ZIdParams, params).id, body, user.id),
);
