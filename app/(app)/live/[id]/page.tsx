import { notFound } from "next/navigation";
import { LiveDetail } from "@/components/live/live-detail";
import { requirePageUser } from "@/lib/auth/current";
import { canEdit } from "@/lib/auth/roles";
import { ZIdParams } from "@/lib/schemas/ids";

export default async function LiveSourcePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const parsed = ZIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  return <LiveDetail id={parsed.data.id} canEdit={canEdit(user.role)} />;
}
