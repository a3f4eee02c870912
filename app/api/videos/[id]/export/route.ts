import { route } from "@/lib/api/handler";
import { exportHighlights } from "@/lib/exports/service";
import { ZExportQuery } from "@/lib/schemas/highlights";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const GET = route({}, ({ params, req }) => {
  const { format } = ZExportQuery.parse({ format: req.nextUrl.searchParams.get("format") ?? undefined });
  return exportHighlights(paramsOf(ZIdParams, params).id, format);
});
