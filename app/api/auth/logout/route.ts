import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { destroySession, SESSION_COOKIE } from "@/lib/auth/session";

export const POST = route({}, async ({ req }) => {
  await destroySession(req.cookies.get(SESSION_COOKIE)?.value);
  const res = NextResponse.json({ ok: true });
  res.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return res;
});
