import { route } from "@/lib/api/handler";
import { paramsOf } from "@/lib/schemas/params";
import { proxyPlaylist, ZPlaylistParams } from "@/lib/videos/proxy-playlist";

// Issue #25: the HLS playlist of the proxy pieces made so far (lib/videos/proxy-playlist.ts).
export const GET = route({}, ({ params }) => {
  const { id, n } = paramsOf(ZPlaylistParams, params);
  return proxyPlaylist(id, n);
});
