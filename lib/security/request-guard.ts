import type { NextRequest } from "next/server";
import { env } from "@/lib/platform/env";
import { AppError, forbidden } from "@/lib/platform/errors";

// Cross-site request forgery defence for every state-changing route (lib/api/handler.ts calls this).
// Browsers send `Origin` and `Sec-Fetch-Site` on every non-GET request, so a forged form or fetch from
// another origin — including another port of the same host, which SameSite cookies do not stop — is
// refused here. A request with neither header is not from a browser and cannot carry a victim's cookie
// by accident, so scripts and curl keep working.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

function sameOrigin(origin: string, req: NextRequest): boolean {
  if (origin === new URL(env().APP_URL).origin) return true;
  // The app may be reached under another name than APP_URL (a LAN address); the Host header names what
  // the browser asked for, and a page on another origin cannot make the browser send ours.
  const host = req.headers.get("host");
  if (!host || !URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}

export function assertSameOrigin(req: NextRequest): void {
  if (!isStateChanging(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") throw forbidden("Cross-site requests are not allowed");
  const origin = req.headers.get("origin");
  if (origin !== null && !sameOrigin(origin, req)) throw forbidden("Cross-site requests are not allowed");
}

/** State-changing requests carry JSON or nothing: HTML forms cannot send `application/json`. */
export function assertJsonContentType(req: NextRequest, needsBody: boolean): void {
  if (!isStateChanging(req.method)) return;
  const type = req.headers.get("content-type");
  if (type === null && !needsBody) return;
  const essence = type?.split(";")[0]?.trim().toLowerCase();
  if (essence !== "application/json") {
    throw new AppError(415, "Send the request body as application/json", "unsupported_media_type");
  }
}

/** For the byte-stream routes (upload parts): a form can send none of these with a body we would accept. */
export function assertBinaryContentType(req: NextRequest): void {
  const essence = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (essence !== undefined && essence !== "application/octet-stream") {
    throw new AppError(415, "Send upload parts as application/octet-stream", "unsupported_media_type");
  }
}
