import type { Page } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildMatch, sharedClip } from "@/test/match";
import { ADMIN, expect, signIn, test } from "./helpers";

const REAL_CLIP = path.resolve("../shared/data/clips/penalty/ucl2012-bay-che/arione_Penalty_Lampard.mp4");
// Held-out footage (models/tools/splits.json: test): open play, a penalty kick, then cricket.
const MATCH_PARTS = [
  "clips/other/soccer_overhead_camera_openplay.mp4",
  "clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4",
  "clips/other/cricket_home_video.mp4",
].map(sharedClip);

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "e2e-upload-"));
});

const row = (page: Page, title: string) => page.getByTestId("video-row").filter({ hasText: title });

test("an editor uploads a real video and watches it become ready with the right duration", async ({
  page,
}) => {
  const title = `lampard-${randomUUID().slice(0, 8)}`;
  const file = path.join(dir, `${title}.mp4`);
  await copyFile(REAL_CLIP, file);
  await signIn(page, ADMIN.email, ADMIN.password);

  await page.getByLabel("Choose video files").setInputFiles(file);
  await expect(row(page, title)).toBeVisible();
  // Probe, then analysis with the real model: live status updates until it is ready.
  await expect(row(page, title).getByTestId("status-chip")).toHaveText("ready", { timeout: 180_000 });
  await expect(row(page, title).getByTestId("video-duration")).toHaveText("0:00:03");
  await expect(row(page, title).getByTestId("video-resolution")).toHaveText("1280×720");
  await expect(row(page, title).locator("img")).toHaveAttribute("src", /poster\.jpg/);
});

test("an upload is analysed by itself, shows its progress and lists the penalty it holds", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const title = `match-${randomUUID().slice(0, 8)}`;
  const file = path.join(dir, `${title}.mp4`);
  await buildMatch(MATCH_PARTS, file);
  await signIn(page, ADMIN.email, ADMIN.password);

  // Every text the row's status chip shows, recorded in the page as it changes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { chipTexts: string[] }).chipTexts = seen;
    new MutationObserver(() => {
      for (const chip of document.querySelectorAll('[data-testid="status-chip"]')) {
        const t = chip.closest("li")?.getAttribute("aria-label") + ": " + chip.textContent;
        if (seen.at(-1) !== t) seen.push(t);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel("Choose video files").setInputFiles(file);
  await expect(row(page, title).getByTestId("status-chip")).toHaveText("ready", { timeout: 240_000 });
  const texts = (await page.evaluate(() => (window as unknown as { chipTexts: string[] }).chipTexts))
    .filter((t) => t.startsWith(`${title}: `))
    .map((t) => t.slice(title.length + 2));
  // Nobody pressed anything: the analysis was queued and ran, with its progress in the list.
  expect(texts, texts.join(" | ")).toContainEqual(expect.stringMatching(/^processing analyzing \d+ %/));

  await row(page, title).locator("a").first().click();
  await expect(page.getByTestId("review-room")).toBeVisible();
  await expect(page.getByTestId("highlight-count")).not.toHaveText("0", { timeout: 30_000 });
  await expect(page.getByTestId("review-card").filter({ hasText: "penalty" }).first()).toBeVisible();
});

test("a renamed text file fails with its reason", async ({ page }) => {
  const title = `notes-${randomUUID().slice(0, 8)}`;
  const file = path.join(dir, `${title}.mp4`);
  await writeFile(file, "Team sheet\n".repeat(2000));
  await signIn(page, ADMIN.email, ADMIN.password);

  await page.getByLabel("Choose video files").setInputFiles(file);
  await expect(row(page, title).getByTestId("status-chip")).toHaveText("failed", { timeout: 60_000 });
  // the reason in plain words, what to do, and the worker's own words one click away
  const failure = row(page, title).getByTestId("failure");
  await expect(failure).toContainText("This is not a video but a page or text saved under a video's name.");
  await expect(failure).toContainText("Upload the file again");
  await expect(failure.locator("code")).toHaveText("this is a text file, not a video");
});

test("an upload resumes after a page reload, sending only the parts S3 does not have", async ({ page }) => {
  // 40 MiB → three 16 MiB parts. The first part is let through, the others are held, then the page reloads.
  const title = `resume-${randomUUID().slice(0, 8)}`;
  const file = path.join(dir, `${title}.bin`);
  await writeFile(file, randomBytes(40 * 1024 * 1024));
  await signIn(page, ADMIN.email, ADMIN.password);

  const partOf = (url: string) => Number(new URL(url).searchParams.get("partNumber"));
  await page.route(
    (url) => url.searchParams.has("partNumber"),
    async (route) => {
      if (route.request().method() === "PUT" && partOf(route.request().url()) !== 1) return; // held
      await route.continue();
    },
  );
  const recorded = page.waitForResponse(
    (r) => r.request().method() === "PUT" && /\/api\/uploads\/[^/]+\/parts$/.test(r.url()),
  );
  await page.getByLabel("Choose video files").setInputFiles(file);
  expect((await recorded).status()).toBeLessThan(300);
  await expect(page.getByRole("progressbar", { name: `Upload progress for ${title}.bin` })).toHaveAttribute(
    "aria-valuenow",
    /^[1-9]\d*$/,
  );

  // Reload while the held parts are still held, so they die with the page, then stop intercepting.
  await page.reload();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const sent: number[] = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" && new URL(r.url()).searchParams.has("partNumber")) sent.push(partOf(r.url()));
  });
  await page.getByLabel("Choose video files").setInputFiles(file);
  // Random bytes are no video: once the upload completes, probe fails it, which proves the upload finished.
  await expect(row(page, title).getByTestId("status-chip")).toHaveText("failed", { timeout: 60_000 });
  expect([...new Set(sent)].sort(), `parts sent after the reload: ${sent.join(",")}`).toEqual([2, 3]);
});
