import { route } from "@/lib/api/handler";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { reanalyzeVideo } from "@/lib/videos/reanalyze";

export const POST = route({ role: "editor" }, ({ params }) => reanalyzeVideo(paramsOf(ZIdParams, params).id));
