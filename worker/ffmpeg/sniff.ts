// What the first bytes of an upload say before ffprobe is asked: an empty file, a text or HTML page
// saved under a video's name, or the start of an MP4. ffprobe picks the MP4 demuxer from the ".mp4"
// name and then only says "moov atom not found" for all of these, which reads as "truncated".

/** Bytes read from the start of the object (one range request). */
export const SNIFF_BYTES = 4096;

export interface SourceHead {
  size: number;
  head: Uint8Array;
}

const MP4_BOXES = new Set(["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid"]);

export function startsLikeMp4(head: Uint8Array): boolean {
  return head.length >= 8 && MP4_BOXES.has(new TextDecoder("latin1").decode(head.subarray(4, 8)));
}

function isText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(
      head.subarray(0, Math.min(head.length, SNIFF_BYTES)),
    );
  } catch {
    // a multi-byte character cut at the end of the window is still text
    text = new TextDecoder("utf-8").decode(head);
    if ((text.match(/\uFFFD/g) ?? []).length > 1) return false;
  }
  // Control characters other than tab, newline, form feed and carriage return mean binary data.
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) return false;
  }
  return true;
}

/** A specific refusal when the bytes alone settle it, else null (ffprobe decides). */
export function sniff({ size, head }: SourceHead): string | null {
  if (size === 0) return "the file is empty (0 bytes): the upload sent no data";
  if (!isText(head)) return null;
  const start = new TextDecoder().decode(head).trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html") || /<(head|body)[\s>]/.test(start))
    return "this is a web page (HTML), not a video: was the page saved instead of the file it links to?";
  if (start.startsWith("#extm3u"))
    return "this is a playlist (M3U/HLS), not a video: add it as a live source";
  return "this is a text file, not a video";
}
