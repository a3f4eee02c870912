import { route } from "@/lib/api/handler";
import { getReview } from "@/lib/review/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const GET = route({}, ({ params }) => getReview(paramsOf(ZIdParams, params).id));
