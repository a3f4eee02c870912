// Response headers every page and API route carries (proxy.ts sets them once, before any route runs).

export interface HeaderInputs {
  nonce: string;
  https: boolean;
  dev: boolean;
  // origins browsers load media from and upload to besides our own (a real S3 with direct presigned URLs)
  mediaOrigins: string[];
}

export function contentSecurityPolicy(i: HeaderInputs): string {
  const media = i.mediaOrigins.join(" ");
  const directives = [
    "default-src 'self'",
    // Next.js puts the nonce on its own scripts; 'strict-dynamic' lets those load their chunks. React
    // needs eval only in development (server error stacks).
    `script-src 'self' 'nonce-${i.nonce}' 'strict-dynamic'${i.dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (timeline geometry) and video.js's injected <style> cannot carry a nonce;
    // styles cannot run code, so this is the usual trade-off.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' blob: data: ${media}`.trim(),
    `media-src 'self' blob: ${media}`.trim(),
    `connect-src 'self' ${media}`.trim(),
    // video.js ships its control-bar icon font inline in its CSS as a data: URI; without data: the
    // player shows empty boxes. A font cannot run code; no other origin is allowed.
    "font-src 'self' data:",
    // video.js plays the proxy's HLS pieces (issue #25) by remuxing them in a worker it starts from a
    // blob: URL of its own bundled code; no other origin may start a worker.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(i.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(i: HeaderInputs): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(i),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(i.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** For a response proxy.ts does not see (the upload-part route): the same protections, nothing to render. */
export function apiSecurityHeaders(https: boolean): Record<string, string> {
  const all = securityHeaders({ nonce: "unused", https, dev: false, mediaOrigins: [] });
  return { ...all, "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" };
}

/** Whether the browser reached us over https: the request itself, a TLS-terminating proxy, or APP_URL. */
export function requestIsHttps(req: { nextUrl: URL; headers: Headers }, appUrl: string): boolean {
  return (
    req.nextUrl.protocol === "https:" ||
    req.headers.get("x-forwarded-proto") === "https" ||
    appUrl.startsWith("https://")
  );
}
