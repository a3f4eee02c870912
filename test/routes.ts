// Calls route handlers in-process the way Next.js does (a NextRequest and the params promise), so the
// wrapper's checks run against the real database and Redis without a build.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { NextRequest } from "next/server";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session";
import { env } from "@/lib/platform/env";
import { PEER_HEADER } from "@/lib/security/client-address";

type Handler = (req: NextRequest, seg: { params: Promise<Record<string, string>> }) => Promise<Response>;

export const APP_ORIGIN = () => new URL(env().APP_URL).origin;

export async function cookieFor(userId: string): Promise<string> {
  const { token } = await createSession(userId);
  return `${SESSION_COOKIE}=${token}`;
}

export interface Call {
  method: string;
  path: string;
  params?: Record<string, string>;
  cookie?: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  /** JSON-encodes and sets Content-Type and a same-origin Origin, as the app's own fetches do. */
  json?: unknown;
}

export async function call(handler: Handler, c: Call): Promise<Response> {
  const headers = new Headers(c.headers);
  if (c.cookie) headers.set("cookie", c.cookie);
  // The web server stamps every request with its socket's address (lib/security/client-address.ts).
  if (!headers.has(PEER_HEADER)) headers.set(PEER_HEADER, "127.0.0.1");
  headers.set("host", new URL(APP_ORIGIN()).host);
  let body = c.body ?? null;
  if (c.json !== undefined) {
    body = JSON.stringify(c.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    if (!headers.has("origin")) headers.set("origin", APP_ORIGIN());
  }
  const req = new NextRequest(new URL(c.path, APP_ORIGIN()), {
    method: c.method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
  return handler(req, { params: Promise.resolve(c.params ?? {}) });
}

export interface RouteMethod {
  file: string;
  method: string;
  takesBody: boolean;
  handler: Handler;
}

/** Every exported method of every app/api route.ts, and whether its wrapper declares a body schema. */
export async function allRoutes(): Promise<RouteMethod[]> {
  const root = path.resolve("app/api");
  const files = (await readdir(root, { recursive: true }))
    .filter((f) => f.endsWith("route.ts"))
    .map((f) => path.join(root, f))
    .sort();
  const out: RouteMethod[] = [];
  for (const file of files) {
    const src = await readFile(file, "utf8");
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (typeof mod[method] !== "function") continue;
      const decl = new RegExp(`export const ${method} = (?:public)?[rR]oute\\(\\s*\\{([^}]*)\\}`).exec(src);
      out.push({
        file: path.relative(process.cwd(), file),
        method,
        takesBody: /\bbody:\s*Z/.test(decl?.[1] ?? ""),
        handler: mod[method] as Handler,
      });
    }
  }
  return out;
}

/** A value for each `[param]` in a route file's path: uuids for ids (the segment names in app/api). */
export function paramsFor(file: string, id: string): Record<string, string> {
  const names = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  return Object.fromEntries(names.map((n) => [n, id]));
}

export const urlFor = (file: string, id: string) =>
  "/" +
  file
    .replace(/^app\//, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[\w+\]/g, id);
