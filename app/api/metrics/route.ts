import { publicRoute } from "@/lib/api/handler";
import { canAdmin } from "@/lib/auth/roles";
import { SESSION_COOKIE, userForToken } from "@/lib/auth/session";
import { env } from "@/lib/platform/env";
import { forbidden, unauthorized } from "@/lib/platform/errors";
import { bearerMatches } from "@/lib/metrics/auth";
import { exposition } from "@/lib/metrics/registry";

// Prometheus scrapes with `Authorization: Bearer $METRICS_TOKEN`; a signed-in admin may look too.
// Not the usual route() wrapper: that one requires a session, and Prometheus has none.
export const GET = publicRoute({}, async ({ req }) => {
  const header = req.headers.get("authorization");
  if (!bearerMatches(header, env().METRICS_TOKEN)) {
    const user = await userForToken(req.cookies.get(SESSION_COOKIE)?.value);
    if (!user && !header)
      throw unauthorized("Send the metrics token as a Bearer header, or sign in as an admin");
    if (!user || !canAdmin(user.role)) throw forbidden();
  }
  const { body, contentType } = await exposition();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});
