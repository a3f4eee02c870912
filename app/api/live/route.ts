import { route } from "@/lib/api/handler";
import { createLiveSource, listLiveSources } from "@/lib/live/service";
import { ZLiveCreate, type TLiveSourceDto } from "@/lib/schemas/live";

export const GET = route({}, async (): Promise<{ sources: TLiveSourceDto[] }> => ({
  sources: await listLiveSources(),
}));

// The playlist is checked by the first poll (a few seconds later), not here: a slow origin must not hold
// the request, and what it finds (not a playlist, unreachable) is shown on the source.
export const POST = route({ role: "editor", body: ZLiveCreate }, async ({ user, body }) => {
  const source = await createLiveSource(user.id, body);
  return Response.json(source, { status: 201 });
});
