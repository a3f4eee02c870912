import { route } from "@/lib/api/handler";
import { labelParam } from "@/lib/clips/current";
import { clipsZip } from "@/lib/clips/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { ZAspect } from "@/lib/reframe/aspect";

// Streams from S3 through the ZIP writer; nothing is buffered whole (lib/clips/zip.ts).
// `?label=goal` zips that label's clips only; `?aspect=9:16` their 9:16 crops (asked for first).
export const GET = route({}, ({ params, req }) =>
  clipsZip(
    paramsOf(ZIdParams, params).id,
    labelParam(req.nextUrl.searchParams),
    ZAspect.parse(req.nextUrl.searchParams.get("aspect") ?? "16:9"),
  ),
);
