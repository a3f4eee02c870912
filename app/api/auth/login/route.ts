import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/api/handler";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { cookieOptions, createSession, SESSION_COOKIE } from "@/lib/auth/session";
import { db } from "@/lib/platform/db";
import { unauthorized } from "@/lib/platform/errors";
import { ZLogin, type TMe } from "@/lib/schemas/auth";
import { clientAddress } from "@/lib/security/client-address";
import { beginLoginAttempt } from "@/lib/security/login-limit";

// Verifying against a real hash when the email is unknown keeps response times alike, so the endpoint
// does not reveal which addresses have accounts. Computed once, lazily: a literal could drift from the
// library's parameters, and a malformed hash would fail fast and undo the point.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));

export const POST = publicRoute({ body: ZLogin }, async ({ req, body }) => {
  const email = body.email.trim().toLowerCase();
  const ip = clientAddress(req.headers);
  const attempt = await beginLoginAttempt(email, ip);
  const user = await db().user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummy()), body.password);
  if (!user || !ok) throw unauthorized("Wrong email or password");
  await attempt.succeeded();

  const { token, expiresAt } = await createSession(user.id);
  const me: TMe = { id: user.id, email: user.email, name: user.name, role: user.role };
  const res = NextResponse.json(me);
  res.cookies.set(SESSION_COOKIE, token, cookieOptions(expiresAt));
  return res;
});
