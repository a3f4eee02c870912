import { notFound } from "next/navigation";
import { preload } from "react-dom";
import { ReviewRoom } from "@/components/review/review-room";
import { reviewUrl } from "@/components/review/keys";
import { requirePageUser } from "@/lib/auth/current";
import { canEdit } from "@/lib/auth/roles";
import { ZIdParams } from "@/lib/schemas/ids";

export default async function VideoPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const parsed = ZIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  // The room can show nothing before this JSON: the browser fetches it while it loads the scripts, and
  // the room's own request (same URL, same credentials mode) takes the preloaded response.
  preload(reviewUrl(parsed.data.id), { as: "fetch", crossOrigin: "anonymous" });
  return <ReviewRoom id={parsed.data.id} canEdit={canEdit(user.role)} />;
}
