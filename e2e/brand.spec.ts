// Issue #29: the brand and the shoot-out. An admin uploads a logo (an SVG is refused) and picks its
// corner; an editor tags the test split's shoot-out (wc2022-bra-cro) kick by kick and builds the branded
// shoot-out reel from the downloads panel. The downloaded reel is checked by pixels: its first frames are
// the intro card with the uploaded logo in the chosen corner, each kick is the source's kick in order,
// and the outro card shows the tally tagged. Frames and screenshots are kept under e2e/artifacts/.
import type { Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import {
  chapterTitles,
  frameCount,
  makeLogo,
  rawFrame,
  regionDiff,
  sameRegionDiff,
  SHOOTOUT_SIZE,
} from "../test/brand";
import { ffmpegMake } from "../test/match";
import { ADMIN, expect, signIn, test } from "./helpers";

const ARTIFACTS = path.resolve("e2e/artifacts");
const TAGS = ["scored", "missed", "scored", "scored", "scored", "scored", "missed"] as const;
const LOGO = path.join(ARTIFACTS, "brand-logo.png");
let seeded: { videoId: string; title: string; sourceKey: string; spans: { startS: number; endS: number }[] };

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const { stdout } = await promisify(execFile)("npx", ["--no-install", "tsx", "test/seed-shootout.ts"], {
    maxBuffer: 1 << 20,
  });
  seeded = JSON.parse(stdout.trim().split("\n").pop()!) as typeof seeded;
  await makeLogo(LOGO);
});

const shot = async (page: Page, name: string) => {
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(ARTIFACTS, `brand-${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
};

test("an admin uploads the logo (SVG refused), picks its corner and names the cards", async ({
  page,
  guard,
}) => {
  guard.allow(/^HTTP 400: PUT http:\/\/[^/]+\/api\/admin\/brand\/logo$/);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: "Brand" }).first().click();
  await expect(page).toHaveURL(/\/admin\/brand$/);
  const file = page.getByLabel(/Upload a logo/);
  const svg = path.join(ARTIFACTS, "brand-script.svg");
  await writeFile(
    svg,
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
  );
  await file.setInputFiles(svg);
  // (Next.js's route announcer is an alert too: pick ours by its words)
  await expect(page.getByRole("alert").filter({ hasText: "SVG" })).toHaveText(
    "SVG and other markup are not accepted as a logo (they can carry script): use PNG, JPEG or WebP",
  );
  await file.setInputFiles(LOGO);
  await expect(page.getByTestId("logo-facts")).toContainText("PNG · 96×64 px");
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();
  await page.getByLabel("Logo corner").selectOption("bottom_left");
  await expect(page.getByRole("status")).toHaveText("Saved");
  await page.getByLabel(/Name on the cards/).fill("Matchcut FC");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByLabel(/Name on the cards/)).toHaveValue("Matchcut FC");
  await expect
    .poll(async () => ((await (await page.request.get("/api/admin/brand")).json()) as { name: string }).name)
    .toBe("Matchcut FC");
  await shot(page, "admin");
});

test("the branded shoot-out reel opens on the intro card with the logo in its corner, kicks in order, tally tagged", async ({
  page,
}) => {
  test.setTimeout(900_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/videos/${seeded.videoId}`);
  for (const [i, tag] of TAGS.entries()) {
    const kick = page.getByRole("group", { name: `Shoot-out kick ${i + 1}` });
    await kick.getByRole("button", { name: tag === "scored" ? "Scored" : "Missed" }).click();
    await expect(kick.getByRole("button", { name: tag === "scored" ? "Scored" : "Missed" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  }
  const downloads = page.getByTestId("downloads");
  await downloads.getByRole("checkbox", { name: /With brand/ }).check();
  await downloads.getByRole("button", { name: "Build shoot-out reel (7 kicks)" }).click();
  await expect(downloads.getByTestId("reel-dress")).toHaveText(
    "With the brand · shoot-out: kicks in order, numbered, with the tally",
    { timeout: 840_000 },
  );
  await downloads.scrollIntoViewIfNeeded();
  await shot(page, "room");
  await downloads.getByText("Download ▾").click();
  const href = await downloads.getByRole("link", { name: /Highlight reel \(MP4\)/ }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const reel = path.join(ARTIFACTS, "brand-shootout-reel.mp4");
  await writeFile(reel, await res.body());

  const { w, h } = SHOOTOUT_SIZE;
  const kickFrames = seeded.spans.map((s) => Math.round((s.endS - s.startS) * 25));
  expect(await frameCount(reel)).toBe(50 + kickFrames.reduce((a, b) => a + b, 0) + 50);
  expect(await chapterTitles(reel)).toEqual([
    "Intro",
    ...TAGS.map((t, i) => `Kick ${i + 1} · ${t}`),
    "Tally: 5 scored · 2 missed",
  ]);

  // Frame 0 is the intro card (its colour where there is no text) with the uploaded logo bottom-left.
  const first = await rawFrame(reel, 0);
  const logoH = 44; // 12 % of 360, even (worker/ffmpeg/brand-commands.ts logoGeometry)
  const logo = await rawFrame(LOGO, 0, `scale=-2:${logoH}`);
  const logoW = logo.length / 3 / logoH;
  const margin = 14;
  const bottomLeft = regionDiff(first, w, logo, { x: margin, y: h - logoH - margin, w: logoW, h: logoH });
  const topRight = regionDiff(first, w, logo, { x: w - logoW - margin, y: margin, w: logoW, h: logoH });
  expect(
    bottomLeft,
    `logo bottom-left ${bottomLeft.toFixed(1)}, top-right ${topRight.toFixed(1)}`,
  ).toBeLessThan(12);
  expect(topRight).toBeGreaterThan(40);
  const card = Buffer.alloc(20 * 20 * 3);
  for (let i = 0; i < card.length; i += 3) card.set([0x10, 0x18, 0x20], i);
  expect(regionDiff(first, w, card, { x: w - 30, y: 10, w: 20, h: 20 })).toBeLessThan(6);

  // Each kick starts on its own source frame (centre region, clear of the logo and lower-third), and on
  // no other kick's: the kicks are in order.
  const source = path.join(ARTIFACTS, "brand-shootout-source.mp4");
  const src = await page.request.get(`/api/media/${seeded.sourceKey}`);
  expect(src.status()).toBe(200);
  await writeFile(source, await src.body());
  const centre = { x: w / 4, y: h / 8, w: w / 2, h: h / 2 };
  const starts = await Promise.all(seeded.spans.map((s) => rawFrame(source, Math.round(s.startS * 25))));
  const frames: number[] = [0];
  let at = 50;
  for (const [i, k] of kickFrames.entries()) {
    frames.push(at);
    const got = await rawFrame(reel, at);
    const diffs = starts.map((s) => sameRegionDiff(got, s, w, centre));
    expect(diffs[i], `kick ${i + 1}: ${diffs.map((d) => d.toFixed(1)).join(" ")}`).toBe(Math.min(...diffs));
    expect(diffs[i]).toBeLessThan(6);
    at += k;
  }
  frames.push(at + 10);
  // the frames an editor would look at: intro, each kick's first frame, the outro
  await ffmpegMake([
    "-i",
    reel,
    "-vf",
    `select='${frames.map((f) => `eq(n\\,${f})`).join("+")}',scale=320:-2,tile=3x3`,
    "-frames:v",
    "1",
    path.join(ARTIFACTS, "brand-shootout-frames.png"),
  ]);
  const outro = await rawFrame(reel, at + 10);
  const intro = await rawFrame(reel, 0);
  // The outro is a card too (same colour where there is no text), and differs from the intro's words.
  expect(regionDiff(outro, w, card, { x: w - 30, y: 10, w: 20, h: 20 })).toBeLessThan(6);
  expect(sameRegionDiff(outro, intro, w, { x: 0, y: 100, w, h: 160 })).toBeGreaterThan(2);
});
