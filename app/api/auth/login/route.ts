import { NextResponse } from "next/server";
import { publicRoute } from "../../../../lib/api/handler";
import { verifyPassword } from "../../../../lib/auth/password";
import { cookieOptions, createSession, SESSION_COOKIE } from "../../../../lib/auth/session";
import { db } from "../../../../lib/db";
import { unauthorized } from "../../../../lib/errors";
import { ZLogin, type TMe } from "../../../../lib/schemas/auth";

// Verifying against a throwaway hash when the email is unknown keeps response times alike, so the
// endpoint does not reveal which addresses have accounts.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Vn2hX9eB3u3oVq8bq7N8YpF4l0bJ3m3mZk2yJ6b0xM";

export const POST = publicRoute({ body: ZLogin }, async ({ body }) => {
  const user = await db().user.findUnique({ where: { email: body.email.trim().toLowerCase() } });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, body.password);
  if (!user || !ok) throw unauthorized("Wrong email or password");

  const { token, expiresAt } = await createSession(user.id);
  const me: TMe = { id: user.id, email: user.email, name: user.name, role: user.role };
  const res = NextResponse.json(me);
  res.cookies.set(SESSION_COOKIE, token, cookieOptions(expiresAt));
  return res;
});
