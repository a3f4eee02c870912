// Pure builders for the brand (issue #29): the logo in its corner, the lower-third and the intro/outro
// cards, as filtergraph pieces the reel (clip-commands.ts) joins. Applied to a segment after its cut —
// and after any reframe crop — so the brand sits in the delivered aspect. Text is drawn from files the
// job writes (textfile=, expansion=none): no user words are ever parsed as filtergraph syntax.
import type { TBrandCorner } from "@/lib/schemas/brand";

export interface FrameSize {
  w: number;
  h: number;
}

export interface CardLine {
  /** a file holding the line's text (written by the job) */
  textFile: string;
  big?: boolean;
}

export interface LowerThird {
  textFile: string;
  fontSize: number;
}

export interface Card {
  frames: number;
  lines: CardLine[];
}

export interface BrandDress {
  size: FrameSize;
  font: string;
  corner: TBrandCorner;
  /** ffmpeg input index of the logo image, null: no logo */
  logoInput: number | null;
  intro: Card | null;
  outro: Card | null;
  /** per segment: the lower-third (its text in a file, at a size that fits), null: none on that segment */
  lowerThirds: (LowerThird | null)[];
}

export const CARD_COLOR = "0x101820";
export const CARD_SECONDS = 2;

/** The logo's height and the margin around the picture: fixed fractions of the frame height. */
export function logoGeometry(size: FrameSize): { logoH: number; margin: number } {
  const even = (x: number) => Math.max(2, 2 * Math.round(x / 2));
  return { logoH: even(size.h * 0.12), margin: Math.round(size.h * 0.04) };
}

/** Where the logo's top-left corner lands for a logo of `logoW`×`logoH` pixels (the tests check here). */
export function logoPosition(corner: TBrandCorner, size: FrameSize, logoW: number): { x: number; y: number } {
  const { logoH, margin } = logoGeometry(size);
  return {
    x: corner.endsWith("left") ? margin : size.w - logoW - margin,
    y: corner.startsWith("top") ? margin : size.h - logoH - margin,
  };
}

function overlayAt(corner: TBrandCorner, margin: number): string {
  const x = corner.endsWith("left") ? `${margin}` : `main_w-overlay_w-${margin}`;
  const y = corner.startsWith("top") ? `${margin}` : `main_h-overlay_h-${margin}`;
  return `overlay=x=${x}:y=${y}:eof_action=repeat`;
}

// Paths reach the graph as quoted option values. Ours are the job's temp dir and the font setting; a
// quote, colon, backslash or bracket there would need two levels of escaping: refused instead.
export function graphPath(p: string): string {
  if (/['\\:;,[\]\n]/.test(p)) throw new RangeError(`a path the filtergraph cannot quote safely: ${p}`);
  return `'${p}'`;
}

function drawText(font: string, textFile: string, opts: string): string {
  return `drawtext=fontfile=${graphPath(font)}:textfile=${graphPath(textFile)}:expansion=none:${opts}`;
}

/** A card's text lines, centred, one under the other. */
function cardText(d: BrandDress, lines: CardLine[]): string[] {
  const { h } = d.size;
  const gap = Math.round(h / 9);
  return lines.map((l, i) => {
    const yc = Math.round(h / 2 + (i - (lines.length - 1) / 2) * gap);
    const size = Math.round(l.big ? h / 13 : h / 22);
    return drawText(d.font, l.textFile, `fontsize=${size}:fontcolor=white:x=(w-tw)/2:y=${yc}-th/2`);
  });
}

// DejaVu Sans Bold's mean advance is about 0.6 em; a little over, so a fitted line never runs off.
const CHAR_EM = 0.64;

/**
 * A lower-third's words at a size that fits the frame's width: a twentieth of the height, smaller (down
 * to a 56th) for a long name or a narrow frame (9:16), and cut with "…" below that. drawtext does not
 * wrap or shrink by itself.
 */
export function fitLowerThird(text: string, size: FrameSize): { text: string; fontSize: number } {
  const { margin } = logoGeometry(size);
  const pad = Math.round(size.h / 60);
  const room = size.w - 2 * (margin + pad) - 2 * pad;
  const base = Math.round(size.h / 20);
  const least = Math.max(4, Math.round(size.h / 56));
  const fontSize = Math.max(least, Math.min(base, Math.floor(room / (text.length * CHAR_EM))));
  const max = Math.max(1, Math.floor(room / (fontSize * CHAR_EM)));
  return { text: text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text, fontSize };
}

function lowerThird(d: BrandDress, l: LowerThird): string {
  const { h } = d.size;
  const { margin } = logoGeometry(d.size);
  const pad = Math.round(h / 60);
  // Opposite the logo when the logo sits bottom-left, so the two never overlap.
  const x = d.corner === "bottom_left" ? `w-tw-${margin + pad}` : `${margin + pad}`;
  const y = d.corner.startsWith("bottom")
    ? `h-th-${margin + pad}-${Math.round(h * 0.14)}`
    : `h-th-${margin + pad}`;
  return drawText(
    d.font,
    l.textFile,
    `fontsize=${l.fontSize}:fontcolor=white:box=1:boxcolor=black@0.65:boxborderw=${pad}:x=${x}:y=${y}`,
  );
}

const fmt = "format=yuv420p,setsar=1";

/**
 * The graph pieces that dress a reel: segment i comes in as [v<i>] (and [a<i>]) and leaves as [bv<i>]
 * ([ba<i>]); cards are [cv_intro]/[cv_outro] with silent [ca_…] audio. Returns the pieces and the pad
 * order for the concat filter.
 */
export function dressGraph(
  d: BrandDress,
  o: { fps: string; fpsValue: number; hasAudio: boolean; segments: number },
): { filters: string[]; order: { v: string; a: string | null }[] } {
  const cards = [d.intro ? "intro" : null, d.outro ? "outro" : null].filter((c) => c !== null);
  const logoUses = d.logoInput === null ? 0 : o.segments + cards.length;
  const { logoH, margin } = logoGeometry(d.size);
  const filters: string[] = [];
  const logos = Array.from({ length: logoUses }, (_, i) => `[lg${i}]`);
  if (logoUses > 0) {
    const split = logoUses > 1 ? `,split=${logoUses}${logos.join("")}` : logos[0]!;
    filters.push(`[${d.logoInput}:v:0]scale=-2:${logoH},format=rgba${split}`);
  }
  let nextLogo = 0;
  // `chain` (filters, may be empty) runs on `from`; the logo, when there is one, goes over the result.
  const dress = (from: string, chain: string, to: string) => {
    const first = `${from}${chain ? `${chain},` : ""}${fmt}`;
    if (logoUses === 0) return filters.push(`${first}[${to}]`);
    filters.push(`${first}[pre_${to}]`);
    filters.push(`[pre_${to}]${logos[nextLogo++]}${overlayAt(d.corner, margin)},${fmt}[${to}]`);
  };
  const audioFmt = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";

  const card = (which: "intro" | "outro", c: Card) => {
    const base = `color=c=${CARD_COLOR}:s=${d.size.w}x${d.size.h}:r=${o.fps},trim=end_frame=${c.frames},setpts=PTS-STARTPTS`;
    dress("", [base, ...cardText(d, c.lines)].join(","), `cv_${which}`);
    if (o.hasAudio)
      filters.push(
        `anullsrc=r=48000:cl=stereo,atrim=end=${(c.frames / o.fpsValue).toFixed(6)},asetpts=PTS-STARTPTS,${audioFmt}[ca_${which}]`,
      );
    return { v: `[cv_${which}]`, a: o.hasAudio ? `[ca_${which}]` : null };
  };

  const order: { v: string; a: string | null }[] = [];
  if (d.intro) order.push(card("intro", d.intro));
  for (let i = 0; i < o.segments; i++) {
    const text = d.lowerThirds[i];
    dress(`[v${i}]`, text ? lowerThird(d, text) : "", `bv${i}`);
    if (o.hasAudio) filters.push(`[a${i}]${audioFmt}[ba${i}]`);
    order.push({ v: `[bv${i}]`, a: o.hasAudio ? `[ba${i}]` : null });
  }
  if (d.outro) order.push(card("outro", d.outro));
  return { filters, order };
}
