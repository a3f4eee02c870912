// What a brand logo may be: PNG, JPEG or WebP, told by its first bytes (never by a name or a header the
// browser sends), with its pixel size read from the file's own header. SVG is refused outright: it is
// a document that can carry script, and ffmpeg would not draw it anyway.
import { badRequest, tooLarge } from "@/lib/platform/errors";

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MAX_SIDE = 4096;
export const LOGO_MIN_SIDE = 16;

export type LogoType = "image/png" | "image/jpeg" | "image/webp";

export interface LogoInfo {
  type: LogoType;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

function looksLikeSvgOrMarkup(b: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(b.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return head.startsWith("<") || head.includes("<svg");
}

function pngSize(b: Uint8Array): [number, number] | null {
  // IHDR is always the first chunk: length (4), "IHDR", width (4), height (4).
  if (b.length < 24 || ascii(b, 12, 16) !== "IHDR") return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}

function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [(b[i + 7]! << 8) | b[i + 8]!, (b[i + 5]! << 8) | b[i + 6]!];
    }
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 16);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (chunk === "VP8 ") {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    return [v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff];
  }
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return null;
    const bits = v.getUint32(21, true);
    return [(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1];
  }
  if (chunk === "VP8X") {
    const w = 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16));
    const h = 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16));
    return [w, h];
  }
  return null;
}

/** The logo's type and size, or a 400 that says what is wrong with the file. */
export function inspectLogo(bytes: Uint8Array): LogoInfo {
  if (bytes.length === 0) throw badRequest("The logo file is empty");
  if (bytes.length > LOGO_MAX_BYTES)
    throw tooLarge(`The logo is too large: at most ${LOGO_MAX_BYTES / 1024 / 1024} MB`);
  let type: LogoType;
  let size: [number, number] | null;
  if (startsWith(bytes, PNG_SIGNATURE)) [type, size] = ["image/png", pngSize(bytes)];
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) [type, size] = ["image/jpeg", jpegSize(bytes)];
  else if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP")
    [type, size] = ["image/webp", webpSize(bytes)];
  else if (looksLikeSvgOrMarkup(bytes))
    throw badRequest(
      "SVG and other markup are not accepted as a logo (they can carry script): use PNG, JPEG or WebP",
    );
  else throw badRequest("The logo must be a PNG, JPEG or WebP image");
  if (!size)
    throw badRequest(`The logo is not a readable ${type.slice(6).toUpperCase()} (its header is damaged)`);
  const [width, height] = size;
  if (Math.min(width, height) < LOGO_MIN_SIDE || Math.max(width, height) > LOGO_MAX_SIDE)
    throw badRequest(
      `The logo is ${width}×${height} px: each side must be ${LOGO_MIN_SIDE}–${LOGO_MAX_SIDE} px`,
    );
  return { type, width, height };
}
