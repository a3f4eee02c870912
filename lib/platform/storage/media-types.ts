// The server, not the uploader, decides what type a stored object is served as. Everything we write has
// a fixed extension (keys.ts); a source keeps the uploader's extension, so only known video containers
// map to a video type and anything else is served as an opaque download — an upload named page.html
// can never be rendered by a browser from our storage.

const TYPES: Record<string, string> = {
  mp4: "video/mp4",
  m4v: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
  mkv: "video/x-matroska",
  ts: "video/mp2t",
  mts: "video/mp2t",
  m2ts: "video/mp2t",
  avi: "video/x-msvideo",
  mpg: "video/mpeg",
  mpeg: "video/mpeg",
  jpg: "image/jpeg",
  vtt: "text/vtt; charset=utf-8",
  json: "application/json",
};

export const OPAQUE_TYPE = "application/octet-stream";

export function typeForKey(key: string): string {
  const name = key.slice(key.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return (dot > 0 && TYPES[name.slice(dot + 1).toLowerCase()]) || OPAQUE_TYPE;
}

/** Types a browser may show inline: video, images, and inert text (served with nosniff by S3 overrides). */
export const inlineSafe = (type: string) => /^(video|image)\//.test(type) || type.startsWith("text/vtt");

/** RFC 6266 header value with an ASCII fallback name. */
export function dispositionFor(type: string, downloadName?: string): string {
  if (downloadName) return `attachment; filename="${downloadName.replace(/[^\w.-]/g, "_")}"`;
  return inlineSafe(type) ? "inline" : "attachment";
}
