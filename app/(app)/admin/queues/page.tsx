import { QueuesAdmin } from "@/components/queues/queues-admin";
import { requirePageUser } from "@/lib/auth/current";

export const metadata = { title: "Queues · Matchcut" };

export default async function QueuesPage() {
  await requirePageUser("admin");
  return <QueuesAdmin />;
}
