import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/errors";
import { inspectLogo, LOGO_MAX_BYTES } from "./image";

const png = (w: number, h: number) => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  return b;
};
const jpeg = (w: number, h: number) =>
  new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    4,
    0,
    0,
    0xff,
    0xc0,
    0,
    11,
    8,
    h >> 8,
    h & 255,
    w >> 8,
    w & 255,
    3,
    0,
    0,
    0,
  ]);
const webpLossless = (w: number, h: number) => {
  const b = new Uint8Array(30);
  b.set(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8L"));
  b[20] = 0x2f;
  new DataView(b.buffer).setUint32(21, (w - 1) | ((h - 1) << 14), true);
  return b;
};
const refusal = (bytes: Uint8Array) => {
  try {
    inspectLogo(bytes);
  } catch (err) {
    return [(err as AppError).status, (err as AppError).message];
  }
  return null;
};

describe("inspectLogo", () => {
  it("tells PNG, JPEG and WebP by their bytes and reads their size", () => {
    expect(inspectLogo(png(96, 64))).toEqual({ type: "image/png", width: 96, height: 64 });
    expect(inspectLogo(jpeg(400, 300))).toEqual({ type: "image/jpeg", width: 400, height: 300 });
    expect(inspectLogo(webpLossless(120, 40))).toEqual({ type: "image/webp", width: 120, height: 40 });
  });

  it("refuses SVG (script), other files, damaged headers, odd sizes and files over the limit", () => {
    const svg = new TextEncoder().encode('\uFEFF <?xml version="1.0"?><svg onload="alert(1)"/>');
    expect(refusal(svg)).toEqual([
      400,
      "SVG and other markup are not accepted as a logo (they can carry script): use PNG, JPEG or WebP",
    ]);
    expect(refusal(new TextEncoder().encode("GIF89a"))).toEqual([
      400,
      "The logo must be a PNG, JPEG or WebP image",
    ]);
    expect(refusal(new Uint8Array(0))).toEqual([400, "The logo file is empty"]);
    expect(refusal(png(96, 64).slice(0, 20))).toEqual([
      400,
      "The logo is not a readable PNG (its header is damaged)",
    ]);
    expect(refusal(png(8, 64))).toEqual([400, "The logo is 8×64 px: each side must be 16–4096 px"]);
    expect(refusal(png(5000, 64))?.[0]).toBe(400);
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(png(96, 64));
    expect(refusal(big)).toEqual([413, "The logo is too large: at most 2 MB"]);
  });
});
