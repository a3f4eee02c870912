import { UsersAdmin } from "@/components/users/users-admin";
import { requirePageUser } from "@/lib/auth/current";

export const metadata = { title: "Users · Matchcut" };

export default async function UsersPage() {
  await requirePageUser("admin");
  return <UsersAdmin />;
}
