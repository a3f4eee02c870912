import { route } from "@/lib/api/handler";
import { labelParam } from "@/lib/clips/current";
import { exportHighlights } from "@/lib/exports/service";
import { ZExportQuery } from "@/lib/schemas/highlights";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const GET = route({}, ({ params, req }) => {
  const search = req.nextUrl.searchParams;
  const { format } = ZExportQuery.parse({ format: search.get("format") ?? undefined });
  return exportHighlights(paramsOf(ZIdParams, params).id, format, labelParam(search));
});
