import { TrashList } from "@/components/trash/trash-list";
import { requirePageUser } from "@/lib/auth/current";

export const metadata = { title: "Trash · Matchcut" };

export default async function TrashPage() {
  await requirePageUser("editor");
  return <TrashList />;
}
