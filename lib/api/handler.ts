import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { AppError, forbidden, unauthorized } from "../errors";
import { childLogger } from "../logger";
import { hasRole, type TRole } from "../auth/roles";
import { SESSION_COOKIE, userForToken, type SessionUser } from "../auth/session";

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
}

type Body<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one wrapper every route handler goes through: auth, zod parsing, and the central error mapper
 * (ZodError → 422, AppError → its status, anything else → masked 500 with a logged id).
 */
export function route<S extends z.ZodType | undefined = undefined>(
  opts: Options<S>,
  fn: (ctx: Ctx<Body<S>>) => Promise<Response | object | null>,
) {
  return async (req: NextRequest, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await userForToken(req.cookies.get(SESSION_COOKIE)?.value);
      if (!user) throw unauthorized();
      if (opts.role && !hasRole(user.role, opts.role)) throw forbidden();
      const body = (opts.body ? opts.body.parse(await readJson(req)) : undefined) as Body<S>;
      const params = (await segment.params) ?? {};
      const out = await fn({ req, user, params, body });
      if (out instanceof Response) return out;
      return NextResponse.json(out ?? { ok: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

/** For the few routes that must work signed out (sign-in itself). Same error mapping. */
export function publicRoute<S extends z.ZodType | undefined = undefined>(
  opts: { body?: S },
  fn: (ctx: { req: NextRequest; body: Body<S> }) => Promise<Response | object | null>,
) {
  return async (req: NextRequest): Promise<Response> => {
    try {
      const body = (opts.body ? opts.body.parse(await readJson(req)) : undefined) as Body<S>;
      const out = await fn({ req, body });
      if (out instanceof Response) return out;
      return NextResponse.json(out ?? { ok: true });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

async function readJson(req: NextRequest): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError(400, "Request body must be JSON", "bad_json");
  }
}

export function errorResponse(err: unknown, req: NextRequest): Response {
  if (err instanceof ZodError) {
    return NextResponse.json(
      {
        error: "Invalid request",
        code: "invalid",
        issues: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
      { status: 422 },
    );
  }
  if (err instanceof AppError) {
    return NextResponse.json({ error: err.message, code: err.code }, { status: err.status });
  }
  const errorId = randomUUID();
  childLogger({ errorId, method: req.method, url: req.nextUrl.pathname }).error(
    { err },
    "unhandled route error",
  );
  return NextResponse.json({ error: "Internal error", code: "internal", errorId }, { status: 500 });
}
