import { route } from "@/lib/api/handler";
import { ZLibraryQuery, type TLibraryPage } from "@/lib/schemas/library";
import { listLibrary } from "@/lib/videos/library";

// ?q=&status=&highlights=with|without&sort=date|name|highlights&page=&pageSize= (all optional)
export const GET = route({}, async ({ req }): Promise<TLibraryPage> => {
  const query = Object.fromEntries([...req.nextUrl.searchParams.entries()].filter(([, v]) => v !== ""));
  return listLibrary(ZLibraryQuery.parse(query));
});
