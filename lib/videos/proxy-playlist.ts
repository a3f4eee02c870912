// Issue #25: the proxy of a source the browser cannot play well is made in pieces (job proxy, one HLS
// segment each); the player plays the pieces that exist through this playlist.
import { z } from "zod";
import { notFound } from "@/lib/platform/errors";
import type { Video } from "../generated/prisma/client";
import { keys, listObjects, presignGet } from "@/lib/platform/storage";
import { videoOr404 } from "./find";

// Must match worker/ffmpeg/proxy-commands.ts PROXY_PIECE_S (that file is the worker's; this one the web's).
export const PROXY_PIECE_S = 60;
const MEDIA_TTL_S = 6 * 3600;

export const ZPlaylistParams = z.object({ id: z.uuid(), n: z.coerce.number().int().min(1).max(100_000) });

/** How many pieces from the first are stored without a gap: the part of the proxy that plays. */
export async function playablePieces(videoId: string): Promise<number> {
  const stored = new Set(
    (await listObjects(keys.proxyPieces(videoId)))
      .map((o) => /\/(\d+)\.ts$/.exec(o.key)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number),
  );
  let n = 0;
  while (stored.has(n)) n++;
  return n;
}

/** The playlist's URL for the first n pieces: a new path as pieces arrive, so the player reloads it. */
export const playlistUrl = (videoId: string, n: number) => `/api/videos/${videoId}/proxy/${n}/playlist.m3u8`;

/** Piece i's length (the last one is what is left of the video). */
function pieceLength(v: Pick<Video, "durationS">, i: number): number {
  return Math.max(0.001, Math.min(PROXY_PIECE_S, (v.durationS ?? 0) - i * PROXY_PIECE_S));
}

/**
 * A VOD playlist of the first n pieces (what existed when the page asked). It ends where they end; the
 * page gets a longer one (a new URL) when more are made.
 */
export async function proxyPlaylist(videoId: string, n: number): Promise<Response> {
  const v = await videoOr404(videoId);
  if (v.playback !== "proxy" || n > (await playablePieces(videoId))) throw notFound("Proxy");
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:3",
    `#EXT-X-TARGETDURATION:${PROXY_PIECE_S}`,
    "#EXT-X-MEDIA-SEQUENCE:0",
    "#EXT-X-PLAYLIST-TYPE:VOD",
  ];
  for (let i = 0; i < n; i++) {
    lines.push(`#EXTINF:${pieceLength(v, i).toFixed(3)},`);
    lines.push(await presignGet(keys.proxyPiece(videoId, i), { expiresIn: MEDIA_TTL_S }));
  }
  lines.push("#EXT-X-ENDLIST", "");
  return new Response(lines.join("\n"), {
    headers: { "Content-Type": "application/vnd.apple.mpegurl", "Cache-Control": "private, max-age=60" },
  });
}
