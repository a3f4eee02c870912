import { route } from "@/lib/api/handler";
import { filmstripVtt } from "@/lib/videos/filmstrip";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const GET = route({}, ({ params }) => filmstripVtt(paramsOf(ZIdParams, params).id));
