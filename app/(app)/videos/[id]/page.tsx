import { notFound } from "next/navigation";
import { ReviewRoom } from "../../../../components/review/review-room";
import { requirePageUser } from "../../../../lib/auth/current";
import { canEdit } from "../../../../lib/auth/roles";
import { ZIdParams } from "../../../../lib/schemas/ids";

export default async function VideoPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const parsed = ZIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  return <ReviewRoom id={parsed.data.id} canEdit={canEdit(user.role)} />;
}
