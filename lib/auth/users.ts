import { db } from "@/lib/platform/db";
import { audit } from "../audit/log";
import { conflict, notFound } from "@/lib/platform/errors";
import { hashPassword } from "./password";
import type { TRole } from "./roles";

export async function createUser(input: { email: string; name: string; password: string; role: TRole }) {
  const email = input.email.trim().toLowerCase();
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) throw conflict(`A user with e-mail ${email} already exists`);
  return db().user.create({
    data: {
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
    },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}

/** The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD; re-running setup keeps an existing one. */
export async function ensureAdmin(email: string, password: string): Promise<"created" | "exists"> {
  const normalized = email.trim().toLowerCase();
  const existing = await db().user.findUnique({ where: { email: normalized } });
  if (existing) return "exists";
  await createUser({ email: normalized, name: "Admin", password, role: "admin" });
  return "created";
}

/** Admins change other users' roles (not their own: the last admin cannot lock everyone out). */
export async function changeRole(actor: { id: string }, userId: string, role: TRole) {
  if (actor.id === userId) throw conflict("You cannot change your own role");
  const user = await db().user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user) throw notFound("User");
  return db().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      data: { role },
      select: { id: true, email: true, name: true, role: true },
    });
    if (user.role !== role) {
      await audit(
        { actorId: actor.id, action: "role_change", targetId: userId, detail: { from: user.role, to: role } },
        tx,
      );
    }
    return updated;
  });
}
