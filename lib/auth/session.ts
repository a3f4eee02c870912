import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import type { TRole } from "./roles";

export const SESSION_COOKIE = "mc_session";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
}

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().SESSION_TTL_DAYS * 86_400_000);
  await db().session.create({ data: { id: digest(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function userForToken(token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const session = await db().session.findUnique({
    where: { id: digest(token) },
    include: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() < Date.now()) {
    await db()
      .session.delete({ where: { id: session.id } })
      .catch(() => undefined);
    return null;
  }
  return session.user;
}

export async function destroySession(token: string | undefined): Promise<void> {
  if (!token) return;
  await db().session.deleteMany({ where: { id: digest(token) } });
}

export function cookieOptions(expiresAt: Date) {
  const e = env();
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: e.COOKIE_SECURE ?? e.APP_URL.startsWith("https://"),
    path: "/",
    expires: expiresAt,
  };
}
