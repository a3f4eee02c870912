import { publicRoute } from "@/lib/api/handler";
import { notFound } from "@/lib/platform/errors";
import { sharedMedia } from "@/lib/shares/service";
import { mediaThroughApp, objectResponse, presignGet } from "@/lib/platform/storage";

// The one object a share link names, signed out (issue #24). The key comes from the link's row, never
// from the request; unknown, revoked and expired tokens get the same 404.
export const GET = publicRoute({}, async ({ req, params }) => {
  const shared = await sharedMedia(String(params.token ?? ""));
  if (!shared) throw notFound("Shared video");
  // A real S3: a short-lived presigned URL for this object only (the CSP already allows its origin).
  if (!mediaThroughApp()) return Response.redirect(await presignGet(shared.key, { expiresIn: 900 }), 302);
  // no-store: after a revoke nothing may keep playing from a cache.
  const res = await objectResponse(shared.key, req, { cache: "private, no-store" });
  if (!res) throw notFound("Shared video");
  return res;
});
