import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { hasRole, type TRole } from "./roles";
import { SESSION_COOKIE, userForToken, type SessionUser } from "./session";

/** For server components: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(needed: TRole = "viewer"): Promise<SessionUser> {
  const jar = await cookies();
  const user = await userForToken(jar.get(SESSION_COOKIE)?.value);
  if (!user) redirect("/login");
  if (!hasRole(user.role, needed)) redirect("/");
  return user;
}

export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  return userForToken(jar.get(SESSION_COOKIE)?.value);
}
