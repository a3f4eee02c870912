import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/platform/env";
import { requestIsHttps, securityHeaders } from "./lib/security/headers";
import { browserMediaOrigins } from "@/lib/platform/storage/browser-access";

// Next.js 16's request hook (formerly middleware.ts): one place that gives every page and API response
// its security headers, with a fresh CSP nonce per request that Next.js puts on its own scripts.
export function proxy(req: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const e = env();
  const https = requestIsHttps(req, e.APP_URL);
  const headers = securityHeaders({
    nonce,
    https,
    dev: e.NODE_ENV === "development",
    mediaOrigins: browserMediaOrigins(),
  });
  const forward = new Headers(req.headers);
  forward.set("x-nonce", nonce);
  forward.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const res = NextResponse.next({ request: { headers: forward } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Hashed build assets need no policy; everything else (pages, API, icons) gets the headers, except the
  // upload-part route: Next.js buffers a request body for proxy.ts and cuts it at 10 MB
  // (proxyClientMaxBodySize), and parts are 16 MB streams. That route sets the API headers itself.
  matcher: ["/((?!_next/static|_next/image|api/uploads/[0-9a-f-]+/part$).*)"],
};
