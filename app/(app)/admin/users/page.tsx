import { ShareLinksAdmin } from "@/components/shares/share-links-admin";
import { UsersAdmin } from "@/components/users/users-admin";
import { requirePageUser } from "@/lib/auth/current";

export const metadata = { title: "Users · Matchcut" };

// Who can get in: accounts, and the share links that play one reel or clip without one (issue #24).
export default async function UsersPage() {
  await requirePageUser("admin");
  return (
    <div className="stack">
      <UsersAdmin />
      <ShareLinksAdmin />
    </div>
  );
}
