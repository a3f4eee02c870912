import { route } from "@/lib/api/handler";
import { listHighlights } from "@/lib/clips/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const GET = route({}, ({ params }) => listHighlights(paramsOf(ZIdParams, params).id));
