import { route } from "@/lib/api/handler";
import { labelParam } from "@/lib/clips/current";
import { clipsZip } from "@/lib/clips/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { ZAspect } from "@/lib/reframe/aspect";
import { ZBrandParam } from "@/lib/reframe/schemas";

// Streams from S3 through the ZIP writer; nothing is buffered whole (lib/clips/zip.ts).
// `?label=goal` zips that label's clips only; `?aspect=9:16` their 9:16 crops and `&brand=1` with the
// brand (each variant asked for first).
export const GET = route({}, ({ params, req }) => {
  const q = req.nextUrl.searchParams;
  return clipsZip(paramsOf(ZIdParams, params).id, labelParam(q), {
    aspect: ZAspect.parse(q.get("aspect") ?? "16:9"),
    branded: ZBrandParam.parse(q.get("brand") ?? "0"),
  });
});
