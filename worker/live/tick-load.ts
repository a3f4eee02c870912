// Loading a live source's media playlist: the first load picks a variant of a master playlist and
// remembers it; later loads (and the hold's fast reloads) read the remembered variant.
import { liveLifecycle } from "@/lib/live/lifecycle";
import { env } from "@/lib/platform/env";
import type { LiveSource } from "@/lib/generated/prisma/client";
import { fetchText } from "./http";
import { parsePlaylist, pickVariant, PlaylistError, type MediaPlaylist } from "./playlist";

export async function reloadMediaPlaylist(playlistUrl: string, signal: AbortSignal): Promise<MediaPlaylist> {
  const { text, url } = await fetchText(playlistUrl, { signal, timeoutMs: 10_000 });
  const pl = parsePlaylist(text, url);
  if (pl.kind !== "media") throw new PlaylistError("the followed variant turned into a master playlist");
  return pl;
}

export async function loadMediaPlaylist(
  src: LiveSource,
  signal: AbortSignal,
): Promise<{ pl: MediaPlaylist; url: string }> {
  const opts = { signal, timeoutMs: 10_000 };
  if (src.playlistUrl)
    return { pl: await reloadMediaPlaylist(src.playlistUrl, signal), url: src.playlistUrl };
  const { text, url } = await fetchText(src.url, opts);
  const top = parsePlaylist(text, url);
  let pl = top;
  let variant: string | null = null;
  let playlistUrl = url;
  if (top.kind === "master") {
    const v = pickVariant(top.variants, env().LIVE_MAX_HEIGHT);
    const res = await fetchText(v.uri, opts);
    pl = parsePlaylist(res.text, res.url);
    if (pl.kind !== "media") throw new PlaylistError("the chosen variant is itself a master playlist");
    playlistUrl = res.url;
    variant = [
      v.width && v.height ? `${v.width}×${v.height}` : null,
      `${Math.round(v.bandwidth / 1000)} kb/s`,
    ]
      .filter(Boolean)
      .join(", ");
  }
  await liveLifecycle.following(src.id, { playlistUrl, variant });
  return { pl: pl as MediaPlaylist, url: playlistUrl };
}
