import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";
import { ZCompleteUpload } from "@/lib/schemas/uploads";
import { completeUpload } from "@/lib/uploads/service";

export const POST = route({ role: "editor", body: ZCompleteUpload }, async ({ user, params, body }) => {
  const out = await completeUpload(user, paramsOf(ZIdParams, params).id, body);
  return NextResponse.json(out, { status: 201 });
});
