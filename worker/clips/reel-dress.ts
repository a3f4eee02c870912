// What a dressed reel says (issue #29): the cards' lines, each segment's lower-third and the chapters,
// written as files into the job's temp dir for brand-commands.ts to draw. The words are planned by
// planDress (pure, unit-tested); writeDress puts them on disk and fetches the logo.
import { access, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Brand } from "@/lib/generated/prisma/client";
import { env } from "@/lib/platform/env";
import { getObjectBytes } from "@/lib/platform/storage";
import { clipNumbers } from "@/lib/clips/selection";
import { kickText, tallyOf, tallyText, type Kickable } from "@/lib/clips/shootout";
import {
  CARD_SECONDS,
  fitLowerThird,
  graphPath,
  type BrandDress,
  type FrameSize,
} from "../ffmpeg/brand-commands";
import { PermanentError } from "../jobs/types";

export interface DressWords {
  intro: { text: string; big?: boolean }[] | null;
  outro: { text: string; big?: boolean }[] | null;
  lowerThirds: (string | null)[];
  chapters: string[];
}

type Segment = Kickable & { name: string | null; number: number };

// drawtext has no wrapping: a long title is cut rather than run off the card.
const fit = (s: string, max = 44) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export const dateText = (d: Date) =>
  d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/**
 * brand: the instance brand when the reel is branded (null: not branded). A shoot-out reel always has
 * its cards (they carry the tally) and numbered kicks; a branded reel follows the brand's switches.
 */
export function planDress(
  o: {
    title: string;
    date: Date;
    shootout: boolean;
    brand: Pick<Brand, "name" | "introCard" | "outroCard" | "lowerThird"> | null;
  },
  segments: Segment[],
): DressWords {
  const name = o.brand?.name ? [{ text: fit(o.brand.name) }] : [];
  const title = { text: fit(o.title), big: true };
  const date = { text: dateText(o.date) };
  const named = (s: Segment) => s.name ?? `${s.label[0]!.toUpperCase()}${s.label.slice(1)} ${s.number}`;
  if (o.shootout) {
    const tally = tallyText(tallyOf(segments));
    const lowerThirds = segments.map((s, i) =>
      fit(`${kickText(i + 1, s.kick)}${s.name ? ` — ${s.name}` : ""}`, 60),
    );
    return {
      intro: [...name, title, { text: `Shoot-out · ${segments.length} kicks` }, { text: tally }, date],
      outro: [...name, { text: "Shoot-out", big: true }, { text: tally, big: true }, date],
      lowerThirds,
      chapters: ["Intro", ...lowerThirds, `Tally: ${tally}`],
    };
  }
  const b = o.brand;
  const lowerThirds = segments.map((s) => (b?.lowerThird ? fit(named(s), 60) : null));
  return {
    intro: b?.introCard ? [...name, title, date] : null,
    outro: b?.outroCard ? [...name, title, date] : null,
    lowerThirds,
    chapters: [
      ...(b?.introCard ? ["Intro"] : []),
      ...segments.map(named),
      ...(b?.outroCard ? ["Outro"] : []),
    ],
  };
}

/** ffmetadata chapters over the reel's parts (cards and segments), in milliseconds. */
export function chaptersFile(titles: string[], frames: number[], fps: number): string {
  const esc = (s: string) => s.replace(/[=;#\\\n]/g, (c) => (c === "\n" ? " " : `\\${c}`));
  let at = 0;
  const parts = titles.map((t, i) => {
    const start = Math.round((at / fps) * 1000);
    at += frames[i]!;
    return `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${start}\nEND=${Math.round((at / fps) * 1000)}\ntitle=${esc(t)}\n`;
  });
  return `;FFMETADATA1\n${parts.join("")}`;
}

/** Writes the words to files, fetches the logo and returns the dress the reel spec takes. */
export async function writeDress(
  dir: string,
  words: DressWords,
  o: { size: FrameSize; fps: number; segmentFrames: number[]; brand: Brand | null },
): Promise<{ brand: Omit<BrandDress, "logoInput">; logoPath: string | null; chaptersPath: string }> {
  const font = env().BRAND_FONT_FILE;
  try {
    graphPath(font);
  } catch (err) {
    throw new PermanentError(`BRAND_FONT_FILE: ${(err as Error).message}`);
  }
  await access(font).catch(() => {
    throw new PermanentError(
      `the brand font ${font} is missing: install fonts-dejavu-core or set BRAND_FONT_FILE to a .ttf file`,
    );
  });
  let n = 0;
  const textFile = async (text: string) => {
    const p = path.join(dir, `text-${n++}.txt`);
    await writeFile(p, text, "utf8");
    return p;
  };
  const cardFrames = Math.round(CARD_SECONDS * o.fps);
  const card = async (lines: DressWords["intro"]) =>
    lines
      ? {
          frames: cardFrames,
          lines: await Promise.all(
            lines.map(async (l) => ({ textFile: await textFile(l.text), big: l.big })),
          ),
        }
      : null;
  let logoPath: string | null = null;
  if (o.brand?.logoKey) {
    logoPath = path.join(dir, `logo${path.extname(o.brand.logoKey)}`);
    await writeFile(logoPath, await getObjectBytes(o.brand.logoKey));
  }
  const intro = await card(words.intro);
  const outro = await card(words.outro);
  const lowerThirds = await Promise.all(
    words.lowerThirds.map(async (t) => {
      if (!t) return null;
      const fit = fitLowerThird(t, o.size);
      return { textFile: await textFile(fit.text), fontSize: fit.fontSize };
    }),
  );
  const frames = [...(intro ? [cardFrames] : []), ...o.segmentFrames, ...(outro ? [cardFrames] : [])];
  const chaptersPath = path.join(dir, "chapters.txt");
  await writeFile(chaptersPath, chaptersFile(words.chapters, frames, o.fps), "utf8");
  return {
    brand: { size: o.size, font, corner: o.brand?.corner ?? "top_right", intro, outro, lowerThirds },
    logoPath,
    chaptersPath,
  };
}

/** The dress of one reel build: the words for these segments, written out, at the video's display size. */
export async function dressFor(
  dir: string,
  video: {
    title: string;
    createdAt: Date;
    width: number | null;
    height: number | null;
    rotation: number | null;
    fps: number | null;
  },
  items: (Kickable & { name: string | null })[],
  o: { all: Kickable[]; shootout: boolean; brand: Brand | null; segmentFrames: number[] },
) {
  if (!video.width || !video.height || !video.fps)
    throw new PermanentError("the video has not been probed yet");
  const numbers = clipNumbers(o.all as (Kickable & { id: string })[]);
  const words = planDress(
    { title: video.title, date: video.createdAt, shootout: o.shootout, brand: o.brand },
    items.map((h) => ({ ...h, number: numbers.get(h.id) ?? 1 })),
  );
  // The picture as players show it: ffmpeg's autorotate turns a phone's portrait video upright.
  const turned = (video.rotation ?? 0) % 180 !== 0;
  const size = turned ? { w: video.height, h: video.width } : { w: video.width, h: video.height };
  return writeDress(dir, words, { size, fps: video.fps, segmentFrames: o.segmentFrames, brand: o.brand });
}

/**
 * A single clip's dress (issue #29): the brand's logo and the highlight's lower-third, as on its reel
 * segment, at the delivered size (`size`: after any crop). No cards: a branded clip keeps the clip's
 * frames, so it stays frame-exact and the same length in every aspect.
 */
export async function clipDressFor(
  dir: string,
  h: Kickable & { id: string; name: string | null },
  all: (Kickable & { id: string })[],
  o: { brand: Brand; size: FrameSize; fps: number; frames: number },
) {
  const words = planDress(
    {
      title: "",
      date: new Date(0),
      shootout: false,
      brand: { ...o.brand, introCard: false, outroCard: false },
    },
    [{ ...h, number: clipNumbers(all).get(h.id) ?? 1 }],
  );
  return writeDress(dir, words, { size: o.size, fps: o.fps, segmentFrames: [o.frames], brand: o.brand });
}
