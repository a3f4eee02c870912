import { route } from "@/lib/api/handler";
import { stopLiveSource } from "@/lib/live/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const POST = route({ role: "editor" }, ({ params }) => stopLiveSource(paramsOf(ZIdParams, params).id));
