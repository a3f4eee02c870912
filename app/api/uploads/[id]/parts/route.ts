import { route } from "@/lib/api/handler";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { ZPresignParts, ZRecordParts } from "@/lib/schemas/uploads";
import { presignParts, recordParts } from "@/lib/uploads/service";

/** Presigned PUT URLs for a batch of parts. */
export const POST = route({ role: "editor", body: ZPresignParts }, ({ user, params, body }) =>
  presignParts(user, paramsOf(ZIdParams, params).id, body.partNumbers),
);

/** Records parts the browser stored (partNumber, ETag, size), so a reload can resume. */
export const PUT = route({ role: "editor", body: ZRecordParts }, async ({ user, params, body }) => {
  await recordParts(user, paramsOf(ZIdParams, params).id, body);
  return { ok: true };
});
