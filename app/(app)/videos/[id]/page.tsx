import { notFound } from "next/navigation";
import { VideoDetail } from "../../../../components/videos/video-detail";
import { requirePageUser } from "../../../../lib/auth/current";
import { canEdit } from "../../../../lib/auth/roles";
import { ZIdParams } from "../../../../lib/schemas/ids";

export default async function VideoPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const parsed = ZIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  return <VideoDetail id={parsed.data.id} canEdit={canEdit(user.role)} />;
}
