import { notFound } from "next/navigation";
import { preload } from "react-dom";
import { ReviewRoom } from "@/components/review/review-room";
import { reviewUrl } from "@/components/review/keys";
import { requirePageUser } from "@/lib/auth/current";
import { canEdit } from "@/lib/auth/roles";
import { ZIdParams } from "@/lib/schemas/ids";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));

export default async function VideoPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const user = await requirePageUser();
  const parsed = ZIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  // ?t=<time> and ?highlight=<id> open the room there (issue #24); the room reads and checks them.
  const search = await searchParams;
  // The room can show nothing before this JSON: the browser fetches it while it loads the scripts, and
  // the room's own request (same URL, same credentials mode) takes the preloaded response.
  preload(reviewUrl(parsed.data.id), { as: "fetch", crossOrigin: "anonymous" });
  return (
    <ReviewRoom
      id={parsed.data.id}
      canEdit={canEdit(user.role)}
      link={{ t: one(search.t), highlight: one(search.highlight) }}
    />
  );
}
