import { VersionsAdmin } from "@/components/models/versions-admin";
import { requirePageUser } from "@/lib/auth/current";
import { canAdmin } from "@/lib/auth/roles";

export const metadata = { title: "Models · Matchcut" };

// Editors may start a retrain and watch it; only admins activate or roll back.
export default async function ModelsPage() {
  const user = await requirePageUser("editor");
  return <VersionsAdmin canActivate={canAdmin(user.role)} />;
}
