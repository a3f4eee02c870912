import { route } from "@/lib/api/handler";
import { getReel, requestReel } from "@/lib/clips/reel";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const GET = route({}, ({ params }) => getReel(paramsOf(ZIdParams, params).id));

export const POST = route({ role: "editor" }, ({ params }) => requestReel(paramsOf(ZIdParams, params).id));
