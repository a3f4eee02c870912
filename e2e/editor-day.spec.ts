// Issue #18, the editor's day: every page at 1366×768 and at 390×844 (a phone), screenshots kept as CI
// artifacts (e2e/artifacts/), and a check that fails when a page is wider than the screen or a touch
// target is under 40 px on the phone. The library is seeded with 30 videos (test/seed-library.ts).
import type { Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ADMIN, expect, signIn, test } from "./helpers";

const ARTIFACTS = path.resolve("e2e/artifacts");
const SIZES = [
  { name: "desktop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

interface Seeded {
  tag: string;
  readyId: string;
  failedId: string;
  analysisFailedId: string;
  twoLabelsId: string;
  liveId: string;
  liveFailedId: string;
}

let seeded: Seeded;
test.beforeAll(async () => {
  const { stdout } = await promisify(execFile)("npx", ["--no-install", "tsx", "test/seed-library.ts"], {
    maxBuffer: 1 << 20,
  });
  seeded = JSON.parse(stdout.trim().split("\n").pop()!) as Seeded;
  await mkdir(ARTIFACTS, { recursive: true });
});

/** Elements wider than the viewport, and (on the phone) controls smaller than 40 px. */
async function layoutProblems(page: Page, phone: boolean): Promise<string[]> {
  return page.evaluate((phone) => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const sw = document.documentElement.scrollWidth;
    if (sw > vw) out.push(`page scrolls sideways: ${sw} px content in a ${vw} px viewport`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
    // The timeline pans and zooms inside its own box: what it holds may be wider.
    for (const el of document.querySelectorAll("body *:not(.timeline *)")) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || style.visibility === "hidden" || style.position === "fixed") continue;
      if (r.right > vw + 1 && !el.closest(".timeline, dialog:not([open])"))
        out.push(`wider than the screen: ${name(el)} ends at ${Math.round(r.right)} px`);
    }
    if (phone) {
      const controls = document.querySelectorAll(
        "button, a.button, select, input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file]), label:has(> input[type=checkbox])",
      );
      for (const el of controls) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest("dialog:not([open]), .video-js, .visually-hidden")) continue;
        if (r.height < 40 - 0.5)
          out.push(`touch target ${Math.round(r.width)}×${Math.round(r.height)} px: ${name(el)}`);
      }
    }
    return [...new Set(out)].slice(0, 20);
  }, phone);
}

for (const size of SIZES) {
  test(`every page at ${size.width}×${size.height}: no sideways scrolling, screenshots`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const phone = size.name === "phone";
    await page.goto("/login");
    expect(await layoutProblems(page, phone), "sign-in page").toEqual([]);
    await signIn(page, ADMIN.email, ADMIN.password);
    const shot = async (file: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: path.join(ARTIFACTS, `${file}-${size.width}x${size.height}.png`),
        fullPage: true,
      });
    };
    const check = async (what: string) => expect(await layoutProblems(page, phone), what).toEqual([]);

    // Library: this seed's 30 videos (searching its tag), then its failed ones with their reasons.
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Search titles" }).fill(seeded.tag);
    await expect(page.getByTestId("library-total")).toHaveText("30 videos match");
    await expect(page.getByTestId("video-row")).toHaveCount(20);
    await expect(page.getByTestId("page-of")).toHaveText("Page 1 of 2");
    await check("library");
    await shot("library-30-videos");
    await page.getByLabel("Status").selectOption("failed");
    await expect(page.getByTestId("library-total")).toHaveText("2 videos match");
    const failedRow = page.getByTestId("video-row").filter({ hasText: "(team sheet)" });
    await expect(failedRow.getByTestId("failure")).toContainText(
      "This file is not a video that can be read.",
    );
    await expect(failedRow.getByRole("link", { name: "Upload again" })).toBeVisible();
    await check("library, failed only");
    await shot("library-failed");

    // Review room of a real clip, and of the failed videos: the reason, no dead player.
    await page.goto(`/videos/${seeded.readyId}`);
    await expect(page.getByTestId("review-room")).toBeVisible();
    await page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 2);
    await expect(page.getByTestId("review-card")).toHaveCount(1);
    // One label: no label choice in the downloads panel (issue #14 item 4).
    await expect(page.getByTestId("downloads")).toBeVisible();
    await expect(page.getByLabel("Labels (clips, reel and exports)")).toHaveCount(0);
    await check("review room");
    await shot("review-room");
    if (!phone) {
      // The card's frame count is the export's (issue #18: 312 in the room, 313 in clip and exports).
      const card = page.getByTestId("review-card").first();
      const frames = Number(
        /(\d+) frames/.exec((await card.getByTestId("card-duration").textContent()) ?? "")![1],
      );
      const json = (await (
        await page.request.get(`/api/videos/${seeded.readyId}/export?format=json`)
      ).json()) as {
        highlights: { startFrame: number; endFrame: number }[];
      };
      expect(json.highlights[0]!.endFrame - json.highlights[0]!.startFrame).toBe(frames);
      // Trimming a suggestion makes it "edited"; undoing the trim makes it "suggested" again, for good.
      await expect(card).toHaveAttribute("data-status", "suggested");
      await card.getByRole("button", { name: /^Select / }).click();
      await page.getByTestId("timeline").focus();
      await page.keyboard.press("Shift+ArrowRight");
      await page.keyboard.press("i");
      await expect(card).toHaveAttribute("data-status", "edited");
      await page.keyboard.press("Control+z");
      await expect(card).toHaveAttribute("data-status", "suggested");
      await page.reload();
      await expect(page.getByTestId("review-card").first()).toHaveAttribute("data-status", "suggested");
    }
    // Penalty and a taught goal: one label choice narrows the ZIP, the reel and the exports.
    await page.goto(`/videos/${seeded.twoLabelsId}`);
    const downloads = page.getByTestId("downloads");
    const choice = downloads.getByLabel("Labels (clips, reel and exports)");
    await expect(choice).toHaveValue("");
    await choice.selectOption("goal");
    await expect(downloads.getByText("Nothing accepted yet: 2 suggested goal highlights")).toBeVisible();
    await expect(downloads.getByRole("button", { name: "Build reel — goal only" })).toBeVisible();
    await check("review room, two labels");
    await shot("review-two-labels");
    await downloads.locator("summary").click();
    const csvLink = downloads.getByRole("link", { name: /^CSV/ });
    await expect(csvLink).toHaveAttribute(
      "href",
      `/api/videos/${seeded.twoLabelsId}/export?format=csv&label=goal`,
    );
    const csv = await page.request.get((await csvLink.getAttribute("href"))!);
    expect(csv.headers()["content-disposition"]).toMatch(/_goal_highlights\.csv"$/);
    expect(
      (await csv.text())
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[2]),
    ).toEqual(['"goal"', '"goal"']);
    await page.goto(`/videos/${seeded.failedId}`);
    await expect(page.getByTestId("failure")).toContainText("This file is not a video that can be read.");
    await expect(page.getByTestId("no-player")).toBeVisible();
    await expect(page.locator("video")).toHaveCount(0);
    await expect(page.getByTestId("timeline")).toHaveCount(0);
    await expect(page.getByTestId("status-chip")).toHaveText("failed");
    await expect(page.getByTestId("media-kind")).toHaveCount(0);
    await expect(page.getByText("The analysis has not finished yet")).toHaveCount(0);
    await check("failed video");
    await shot("review-failed-video");
    await page.goto(`/videos/${seeded.analysisFailedId}`);
    await expect(page.getByTestId("failure")).toContainText("finding its highlights stopped");
    await expect(page.getByRole("button", { name: "Re-analyse" })).toBeVisible();

    // Live: the list, an ended stream (labels next to values, chart on the dark page), a failed one.
    await page.goto("/live");
    await expect(page.getByRole("table", { name: "Live sources" })).toBeVisible();
    await check("live list");
    await shot("live-list");
    await page.goto(`/live/${seeded.liveId}`);
    await expect(page.getByRole("img", { name: /confidence over 60 s/ })).toBeVisible();
    const gap = await page
      .getByTestId("live-facts")
      .locator("div")
      .first()
      .evaluate((row) => {
        const dt = row.querySelector("dt")!.getBoundingClientRect();
        const dd = row.querySelector("dd")!.getBoundingClientRect();
        return dd.top >= dt.bottom - 1 ? 0 : dd.left - dt.right;
      });
    expect(gap, "a value sits close to its label").toBeLessThan(200);
    const chartBg = await page.locator(".live-chart__bg").evaluate((el) => getComputedStyle(el).fill);
    const [r, g, b] = chartBg.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!, `chart background ${chartBg} is dark`).toBeLessThan(3 * 80);
    await check("live detail");
    await shot("live-detail");
    await page.goto(`/live/${seeded.liveFailedId}`);
    await expect(page.getByTestId("failure")).toContainText("refused or no longer has the playlist");
    await check("failed live source");

    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: /Users/ })).toBeVisible();
    await check("users");
  });
}
