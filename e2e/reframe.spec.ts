// Issue #29: the vertical reframe from the review room. An editor picks 9:16, the crop box follows the
// highlight's stored path over the player, the editor drags it at one moment (a keyframe), asks for the
// 9:16 clip from the card and downloads it: each frame's crop (read from its pixels: the source's top rows
// rise in luma with x) is where the stored path puts it, the dragged moment included, and it holds as
// many frames as the 16:9 clip. Then the crop is locked to that keyframe and the re-render holds still.
// Screenshots (1366×768, 390×844) are kept under e2e/artifacts/.
import type { Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { cropShare, cropSize } from "../lib/reframe/aspect";
import { cropLefts, type TAutoPath, type TCropKey } from "../lib/reframe/path";
import { frameCount, makeLogo, rawFrame, sameRegionDiff } from "../test/brand";
import { logoGeometry, logoPosition } from "../worker/ffmpeg/brand-commands";
import { cropLeftsOf, REFRAME_SOURCE } from "../test/reframe";
import { ADMIN, expect, signIn, test } from "./helpers";

const ARTIFACTS = path.resolve("e2e/artifacts");
const { w: W, h: H, fps: FPS } = REFRAME_SOURCE;
const CROP = cropSize("9:16", W, H);
const SHARE = cropShare("9:16", W, H);
let seeded: { videoId: string; highlightId: string };

interface Crop {
  auto: TAutoPath | null;
  keys: TCropKey[];
  locked: boolean;
  revision: number;
}

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const { stdout } = await promisify(execFile)("npx", ["--no-install", "tsx", "test/seed-reframe.ts"], {
    maxBuffer: 1 << 20,
  });
  seeded = JSON.parse(stdout.trim().split("\n").pop()!) as typeof seeded;
});

const shot = async (page: Page, name: string) => {
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    // the player in the middle of the window, clear of the sticky header
    await page.locator(".crop-stage").evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: path.join(ARTIFACTS, `reframe-${name}-${w}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
};

async function cropOf(page: Page): Promise<Crop> {
  const res = await page.request.get(`/api/videos/${seeded.videoId}/highlights`);
  const list = (await res.json()) as { highlights: { id: string; crop: Crop }[] };
  return list.highlights.find((h) => h.id === seeded.highlightId)!.crop;
}

/** The render's left edges (source pixels) for the highlight's 100 frames, 50 … 149. */
const expectedLefts = (c: Crop) =>
  cropLefts(c, FPS, 50, 100, SHARE).map((l) => Math.min(W - CROP.w, 2 * Math.round((l * W) / 2)));

async function download(page: Page, href: string | null, name: string): Promise<string> {
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const file = path.join(ARTIFACTS, name);
  await writeFile(file, await res.body());
  return file;
}

test("an editor drags the 9:16 crop at one moment; the downloaded 9:16 clip follows it there, frame for frame", async ({
  page,
}) => {
  test.setTimeout(600_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  // opened on the highlight, selected
  await page.goto(`/videos/${seeded.videoId}?highlight=${seeded.highlightId}&t=4`);
  const card = page.locator(`[data-highlight-id="${seeded.highlightId}"]`);
  await expect(card.getByRole("link", { name: "Download", exact: true })).toBeVisible({ timeout: 180_000 });
  const before = await cropOf(page);
  expect(before.auto?.x).toHaveLength(100);
  expect(before.keys).toEqual([]);

  await page.getByLabel("Crop box").selectOption("9:16");
  // the player to 4 s (source frame 100) directly: in the first run the room had opened at 0 s despite ?t=4
  await page.locator("video").evaluate((v: HTMLVideoElement) => {
    v.currentTime = 4;
  });
  const overlay = page.getByTestId("crop-overlay");
  await expect(overlay).toHaveAttribute("data-frame", "100");
  const autoLeft = expectedLefts(before)[50]! / W;
  expect(Number(await overlay.getAttribute("data-left"))).toBeCloseTo(autoLeft, 2);
  await shot(page, "auto");

  // drag the handle a fifth of the picture to the left (or right, if the path is already left of centre)
  // the handle sits on the top edge of the picture: scrolled to the top, the sticky header is not over it
  await page.evaluate(() => window.scrollTo(0, 0));
  const grab = page.getByRole("slider", { name: /Crop position \(9:16\)/ });
  const area = (await overlay.boundingBox())!;
  const handle = (await grab.boundingBox())!;
  const dx = (autoLeft > 0.35 ? -0.2 : 0.2) * area.width;
  const [x0, y0] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x0 + (dx * i) / 10, y0);
  await page.mouse.up();
  await expect(page.getByTestId("crop-state")).toHaveText("Crop saved");
  const dragged = await cropOf(page);
  expect(dragged.keys).toHaveLength(1);
  expect(dragged.keys[0]!.t).toBe(4);
  const keyLeft = dragged.keys[0]!.x - SHARE / 2;
  expect(Math.abs(keyLeft - (autoLeft + dx / area.width))).toBeLessThan(0.01);
  await expect(page.getByTestId("crop-keys")).toHaveText("1 keyframe on the automatic path");
  await shot(page, "dragged");

  // the card asks for the 9:16 clip and downloads it; the 16:9 clip beside it
  await card.getByRole("button", { name: "Crop to 9:16" }).click();
  const link916 = card.getByRole("link", { name: "Download 9:16" });
  await expect(link916).toBeVisible({ timeout: 300_000 });
  const clip916 = await download(page, await link916.getAttribute("href"), "reframe-9x16.mp4");
  const clip169 = await download(
    page,
    await card.getByRole("link", { name: "Download", exact: true }).getAttribute("href"),
    "reframe-16x9.mp4",
  );
  expect(await frameCount(clip169)).toBe(100);
  expect(await frameCount(clip916)).toBe(await frameCount(clip169));

  const want = expectedLefts(dragged);
  const got = await cropLeftsOf(clip916, CROP.w);
  expect(got).toHaveLength(100);
  const off = got.map((g, i) => Math.abs(g - want[i]!));
  expect(Math.max(...off), `largest error ${Math.max(...off).toFixed(1)} px`).toBeLessThanOrEqual(6);
  // there, at 4 s, the crop is where the editor put it, not where the automatic path had it
  expect(Math.abs(got[50]! - keyLeft * W)).toBeLessThanOrEqual(6);
  expect(Math.abs(got[50]! - autoLeft * W)).toBeGreaterThan(0.15 * W);

  // locked to that one keyframe: the 9:16 clip is rendered again and holds still there
  // The href is read before the lock: while the clip is re-rendered the link is gone, and getAttribute
  // waits for it, so read after the lock on a quick machine it was already the new one (the poll below
  // then waited for a change that had happened).
  const old = await link916.getAttribute("href");
  await page.getByRole("checkbox", { name: "Lock to keyframes" }).check();
  await expect(page.getByTestId("crop-keys")).toHaveText("1 keyframe, locked");
  await expect
    .poll(async () => (await link916.isVisible()) && (await link916.getAttribute("href")) !== old, {
      timeout: 300_000,
    })
    .toBe(true);
  const locked = await cropLeftsOf(
    await download(page, await link916.getAttribute("href"), "reframe-9x16-locked.mp4"),
    CROP.w,
  );
  expect(locked).toHaveLength(100);
  for (const l of locked) expect(Math.abs(l - 2 * Math.round((keyLeft * W) / 2))).toBeLessThanOrEqual(6);

  // the downloads menu offers the ZIP in 9:16 now that every clip is cropped
  const downloads = page.getByTestId("downloads");
  await expect(downloads.getByLabel("Aspect")).toHaveValue("9:16");
  await expect(downloads.getByTestId("aspect-progress")).toHaveText("1 of 1 clip cropped to 9:16.");
  await downloads.getByText("Download ▾").click();
  const zip = downloads.getByRole("link", { name: /All clips, 9:16 \(ZIP\)/ });
  const res = await page.request.get((await zip.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/zip");
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await downloads.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: path.join(ARTIFACTS, `reframe-downloads-${w}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press("Escape");
  await shot(page, "locked");
});

test("with the brand switch on, the card's 9:16 clip carries the logo and the lower-third; ZIP and share link too", async ({
  page,
}) => {
  test.setTimeout(600_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  // the instance brand: the logo top-left (an admin's API calls, as the brand page makes them)
  const logo = path.join(ARTIFACTS, "reframe-logo.png");
  await makeLogo(logo);
  const up = await page.request.put("/api/admin/brand/logo", {
    data: await readFile(logo),
    headers: { "content-type": "application/octet-stream" },
  });
  expect(up.status(), await up.text()).toBe(200);
  const corner = await page.request.patch("/api/admin/brand", {
    data: { corner: "top_left", lowerThird: true },
  });
  expect(corner.status()).toBe(200);

  await page.goto(`/videos/${seeded.videoId}?highlight=${seeded.highlightId}`);
  const card = page.locator(`[data-highlight-id="${seeded.highlightId}"]`);
  await expect(card.getByRole("link", { name: "Download", exact: true })).toBeVisible({ timeout: 180_000 });
  const downloads = page.getByTestId("downloads");
  await downloads.getByLabel("Aspect").selectOption("9:16");
  // the plain 9:16 from the test before, as it stands (locked to its keyframe)
  const plainHref = await card.getByRole("link", { name: "Download 9:16", exact: true }).getAttribute("href");
  await downloads.getByRole("checkbox", { name: /With brand/ }).check();
  await expect(downloads.getByTestId("aspect-progress")).toHaveText("0 of 1 clip made in 9:16 with brand.");
  await card.getByRole("button", { name: "Make 9:16 with brand" }).click();
  const link = card.getByRole("link", { name: "Download 9:16 with brand" });
  await expect(link).toBeVisible({ timeout: 300_000 });
  expect(await link.getAttribute("download")).toMatch(/_9x16_brand\.mp4$/);
  const branded = await download(page, await link.getAttribute("href"), "reframe-9x16-brand.mp4");
  const plain = await download(page, plainHref, "reframe-9x16-plain.mp4");
  expect(await frameCount(branded)).toBe(100);

  // frame 50 against the plain 9:16: the logo where the brand puts it, the lower-third at the bottom,
  // the same picture in between
  const { logoH } = logoGeometry({ w: CROP.w, h: CROP.h });
  const logoW = (await rawFrame(logo, 0, `scale=-2:${logoH}`)).length / 3 / logoH;
  const [a, b] = [await rawFrame(plain, 50), await rawFrame(branded, 50)];
  const at = { ...logoPosition("top_left", { w: CROP.w, h: CROP.h }, logoW), w: logoW, h: logoH };
  expect(sameRegionDiff(a, b, CROP.w, at)).toBeGreaterThan(30);
  expect(sameRegionDiff(a, b, CROP.w, { x: 30, y: CROP.h - 40, w: 60, h: 14 })).toBeGreaterThan(10);
  expect(sameRegionDiff(a, b, CROP.w, { x: 30, y: 140, w: CROP.w - 60, h: 100 })).toBeLessThan(6);

  // the ZIP of the branded 9:16 opens now that every clip is made
  await expect(downloads.getByTestId("aspect-progress")).toHaveText("1 of 1 clip made in 9:16 with brand.");
  await downloads.getByText("Download ▾").click();
  const zip = downloads.getByRole("link", { name: /All clips, 9:16 with brand \(ZIP\)/ });
  expect(await zip.getAttribute("href")).toMatch(/aspect=9%3A16&brand=1$/);
  const res = await page.request.get((await zip.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/_clips_9x16_brand\.zip/);
  await page.keyboard.press("Escape");

  // the card's share link serves the same branded file, signed out
  await card.getByRole("button", { name: "Share clip (9:16 with brand)…" }).click();
  await card.getByRole("button", { name: "Create link" }).click();
  const shared = await card.getByLabel("Share link").inputValue();
  const media = await page.request.get(`${new URL(shared).pathname.replace(/^\/s\//, "/api/share/")}/media`);
  expect(media.status()).toBe(200);
  expect(Buffer.compare(await media.body(), await readFile(branded))).toBe(0);
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await card.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: path.join(ARTIFACTS, `reframe-brand-card-${w}.png`) });
    await downloads.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: path.join(ARTIFACTS, `reframe-brand-downloads-${w}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
});
