import { LiveList } from "@/components/live/live-list";
import { requirePageUser } from "@/lib/auth/current";
import { canEdit } from "@/lib/auth/roles";

export default async function LivePage() {
  const user = await requirePageUser();
  return <LiveList canEdit={canEdit(user.role)} />;
}
