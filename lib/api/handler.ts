import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { env } from "@/lib/platform/env";
import { AppError, ClientClosedError, forbidden, unauthorized } from "@/lib/platform/errors";
import { childLogger } from "@/lib/platform/logger";
import { hasRole, type TRole } from "../auth/roles";
import { SESSION_COOKIE, userForToken, type SessionUser } from "../auth/session";
import { mapDatabaseError } from "../security/db-errors";
import { apiSecurityHeaders, requestIsHttps } from "../security/headers";
import { readJsonBody, ZStorableJson } from "../security/json-body";
import { assertBinaryContentType, assertJsonContentType, assertSameOrigin } from "../security/request-guard";

type Params = Record<string, string | string[]>;

interface Ctx<B> {
  req: NextRequest;
  user: SessionUser;
  params: Params;
  body: B;
}

interface Options<S extends z.ZodType | undefined> {
  /** Minimum role; every route needs a signed-in user unless `public` is set. */
  role?: TRole;
  body?: S;
  /**
   * The handler reads `req.body` itself as bytes (upload parts through the app): no JSON parsing or cap,
   * but the same-origin check still applies, and only application/octet-stream or no type is accepted.
   */
  rawBody?: boolean;
}

type Body<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one wrapper every route handler goes through: same-origin and JSON-only writes (CSRF), auth, a
 * capped body read, zod parsing (strings PostgreSQL cannot store are refused there), and the central
 * error mapper (ZodError → 422, AppError → its status, database errors from bad input → 4xx, a client
 * that closed its connection → a 499 log line, anything else → masked 500 with a logged id).
 */
export function route<S extends z.ZodType | undefined = undefined>(
  opts: Options<S>,
  fn: (ctx: Ctx<Body<S>>) => Promise<Response | object | null>,
) {
  const handle = async (req: NextRequest, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const user = await userForToken(req.cookies.get(SESSION_COOKIE)?.value);
      if (!user) throw unauthorized();
      if (opts.role && !hasRole(user.role, opts.role)) throw forbidden();
      if (opts.rawBody) assertBinaryContentType(req);
      const body = (opts.rawBody ? undefined : await parseBody(req, opts.body)) as Body<S>;
      const params = (await segment.params) ?? {};
      const out = await fn({ req, user, params, body });
      if (out instanceof Response) return out;
      return NextResponse.json(out ?? { ok: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
  if (!opts.rawBody) return handle;
  // Raw-body routes are kept out of proxy.ts (it would buffer the stream), so every answer of theirs,
  // refusals and errors included, gets the API security headers here.
  return async (req: NextRequest, segment: { params: Promise<Params> }): Promise<Response> => {
    const res = await handle(req, segment);
    const headers = apiSecurityHeaders(requestIsHttps(req, env().APP_URL));
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  };
}

/** For the few routes that must work signed out (sign-in, share links). Same checks and error mapping. */
export function publicRoute<S extends z.ZodType | undefined = undefined>(
  opts: { body?: S },
  fn: (ctx: { req: NextRequest; body: Body<S>; params: Params }) => Promise<Response | object | null>,
) {
  return async (req: NextRequest, segment?: { params: Promise<Params> }): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const body = (await parseBody(req, opts.body)) as Body<S>;
      const params = (await segment?.params) ?? {};
      const out = await fn({ req, body, params });
      if (out instanceof Response) return out;
      return NextResponse.json(out ?? { ok: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

async function parseBody<S extends z.ZodType | undefined>(req: NextRequest, schema: S): Promise<Body<S>> {
  assertJsonContentType(req, schema !== undefined);
  if (!schema) return undefined as Body<S>;
  return schema.parse(ZStorableJson.parse(await readJsonBody(req))) as Body<S>;
}

export function errorResponse(err: unknown, req: NextRequest): Response {
  const noStore = { "Cache-Control": "no-store" };
  if (err instanceof ZodError) {
    return NextResponse.json(
      {
        error: "Invalid request",
        code: "invalid",
        issues: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
      { status: 422, headers: noStore },
    );
  }
  const mapped = err instanceof AppError ? err : mapDatabaseError(err);
  if (mapped) {
    const headers = new Headers(noStore);
    for (const [k, v] of Object.entries(mapped.headers ?? {})) headers.set(k, v);
    return NextResponse.json(
      { error: mapped.message, code: mapped.code },
      { status: mapped.status, headers },
    );
  }
  if (err instanceof ClientClosedError) {
    // Not a fault of the app and no one to answer: one plain line, no stack (nginx's 499).
    childLogger({ method: req.method, url: req.nextUrl.pathname }).info(
      { status: 499 },
      "client closed the request before the answer",
    );
    return new Response(null, { status: 499, headers: noStore });
  }
  const errorId = randomUUID();
  childLogger({ errorId, method: req.method, url: req.nextUrl.pathname }).error(
    { err },
    "unhandled route error",
  );
  return NextResponse.json(
    { error: "Internal error", code: "internal", errorId },
    { status: 500, headers: noStore },
  );
}
