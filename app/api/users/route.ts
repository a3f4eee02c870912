import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/platform/db";
import { ZCreateUser, type TUserDto } from "@/lib/schemas/auth";

const toDto = (u: { id: string; email: string; name: string; role: TUserDto["role"]; createdAt: Date }) => ({
  ...u,
  createdAt: u.createdAt.toISOString(),
});

export const GET = route({ role: "admin" }, async (): Promise<{ users: TUserDto[] }> => {
  const users = await db().user.findMany({
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return { users: users.map(toDto) };
});

export const POST = route({ role: "admin", body: ZCreateUser }, async ({ body }) => {
  const user = await createUser(body);
  return NextResponse.json(toDto(user), { status: 201 });
});
