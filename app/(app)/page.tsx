import { Library } from "@/components/videos/library";
import { requirePageUser } from "@/lib/auth/current";
import { canEdit } from "@/lib/auth/roles";

export default async function LibraryPage() {
  const user = await requirePageUser();
  return <Library canEdit={canEdit(user.role)} />;
}
