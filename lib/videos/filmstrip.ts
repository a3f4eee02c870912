// The filmstrip's WebVTT for the player and timeline (made by job filmstrip).
import { notFound } from "@/lib/platform/errors";
import { getObjectBytes, presignGet } from "@/lib/platform/storage";
import { videoOr404 } from "./find";

/** The stored VTT names the sprite relatively; browsers need a signed URL (private bucket). */
export async function filmstripVtt(videoId: string): Promise<Response> {
  const v = await videoOr404(videoId);
  if (!v.filmstripVttKey || !v.filmstripSpriteKey) throw notFound("Filmstrip");
  const vtt = new TextDecoder().decode(await getObjectBytes(v.filmstripVttKey));
  const sprite = await presignGet(v.filmstripSpriteKey, { expiresIn: 6 * 3600 });
  return new Response(vtt.replaceAll("sprite.jpg#", `${sprite}#`), {
    headers: { "Content-Type": "text/vtt; charset=utf-8", "Cache-Control": "private, max-age=3600" },
  });
}
