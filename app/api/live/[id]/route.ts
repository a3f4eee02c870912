import { route } from "@/lib/api/handler";
import { getLiveSource } from "@/lib/live/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const GET = route({}, ({ params }) => getLiveSource(paramsOf(ZIdParams, params).id));
