// Issue #24: links. A filtered library URL reloads to the same view; a highlight link opens the room at
// that highlight; a highlight's name and note reach every export; a share link plays signed out and is
// a 404 once revoked. The seeded library (test/seed-library.ts) has a real 7-s clip with one highlight.
import type { Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ADMIN, expect, signIn, test } from "./helpers";

const ARTIFACTS = path.resolve("e2e/artifacts");
let seeded: { tag: string; readyId: string };
test.beforeAll(async () => {
  const { stdout } = await promisify(execFile)("npx", ["--no-install", "tsx", "test/seed-library.ts"], {
    maxBuffer: 1 << 20,
  });
  seeded = JSON.parse(stdout.trim().split("\n").pop()!) as typeof seeded;
  await mkdir(ARTIFACTS, { recursive: true });
});

const shot = (page: Page, file: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `links-${file}.png`), fullPage: true });
const mediaReady = (page: Page) =>
  page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 1);

test("a filtered library URL reloads, goes Back and opens from a pasted link to the same view", async ({
  page,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/");
  const search = page.getByRole("searchbox", { name: "Search titles" });
  await search.fill(seeded.tag);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${seeded.tag}(&|$)`));
  await expect(page.getByTestId("library-total")).toHaveText("30 videos match");
  await page.getByLabel("Status").selectOption("failed");
  await page.getByLabel("Sort").selectOption("name");
  await expect(page).toHaveURL(new RegExp(`/\\?q=${seeded.tag}&status=failed&sort=name$`));
  await expect(page.getByTestId("library-total")).toHaveText("2 videos match");
  const titles = await page.getByTestId("video-row").allTextContents();

  await page.reload();
  await expect(page.getByTestId("library-total")).toHaveText("2 videos match");
  await expect(search).toHaveValue(seeded.tag);
  await expect(page.getByLabel("Status")).toHaveValue("failed");
  await expect(page.getByLabel("Sort")).toHaveValue("name");
  expect(await page.getByTestId("video-row").allTextContents()).toEqual(titles);

  // Back undoes one choice at a time (sort, then status); the search stays.
  await page.goBack();
  await expect(page.getByLabel("Sort")).toHaveValue("date");
  await expect(page.getByLabel("Status")).toHaveValue("failed");
  await page.goBack();
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByTestId("library-total")).toHaveText("30 videos match");
  await expect(search).toHaveValue(seeded.tag);

  // A pasted link to page 2, sorted by name.
  await page.goto(`/?q=${seeded.tag}&sort=name&page=2`);
  await expect(page.getByTestId("page-of")).toHaveText("Page 2 of 2");
  await expect(page.getByTestId("video-row")).toHaveCount(10);
  await page.getByRole("button", { name: "← Previous" }).click();
  await expect(page).toHaveURL(new RegExp(`/\\?q=${seeded.tag}&sort=name$`));
  await expect(page.getByTestId("video-row")).toHaveCount(20);
});

test("highlight links, timecode links, and a highlight's name and note in every export", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, ADMIN.email, ADMIN.password);
  const room = `/videos/${seeded.readyId}`;

  // Name and note, edited on the card.
  await page.goto(room);
  const card = page.getByTestId("review-card").first();
  await card.getByRole("button", { name: "Add name and note" }).click();
  const NAME = "Top corner, keeper stranded";
  const NOTE = "Run-up paused; use the wide angle";
  await card.getByLabel("Name", { exact: true }).fill(NAME);
  await card.getByRole("textbox", { name: "Note" }).fill(NOTE);
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByTestId("highlight-name")).toHaveText(NAME);
  await expect(card.getByTestId("highlight-note")).toHaveText(NOTE);
  await page.reload();
  await expect(page.getByTestId("review-card").first().getByTestId("highlight-name")).toHaveText(NAME);

  const exports: Record<string, (body: string) => void> = {
    edl: (b) => {
      expect(b).toContain(`* COMMENT: ${NAME} (suggested, peak`);
      expect(b).toContain(`* COMMENT: ${NOTE}\r\n`);
    },
    fcpxml: (b) => {
      expect(b).toContain(`<asset-clip ref="r2" name="${NAME}"`);
      expect(b).toContain(`<note>${NOTE} — penalty · suggested`);
    },
    otio: (b) => {
      const clip = (
        JSON.parse(b) as {
          tracks: { children: { children: { name: string; metadata: { matchcut: { note: string } } }[] }[] };
        }
      ).tracks.children[0]!.children[0]!;
      expect([clip.name, clip.metadata.matchcut.note]).toEqual([NAME, NOTE]);
    },
    csv: (b) => {
      const [header, row] = b.split("\r\n");
      expect(header).toMatch(/^index,name,label,.*,note$/);
      expect(row).toMatch(new RegExp(`^1,"${NAME}","penalty",.*,"${NOTE}"$`));
    },
    json: (b) => {
      const h = (JSON.parse(b) as { highlights: { name: string; note: string }[] }).highlights[0]!;
      expect([h.name, h.note]).toEqual([NAME, NOTE]);
    },
    // The highlight starts within 10 s of kick-off: YouTube's rules put it in the first chapter.
    chapters: (b) => expect(b.split("\n")[0]).toBe(`0:00 Kick-off, ${NAME} — ${NOTE}`),
  };
  for (const [format, check] of Object.entries(exports)) {
    const res = await page.request.get(`/api/videos/${seeded.readyId}/export?format=${format}`);
    expect(res.status(), format).toBe(200);
    check(await res.text());
  }

  // "Copy link" on the card: the room's URL at this highlight.
  const hid = await page.getByTestId("review-card").first().getAttribute("data-highlight-id");
  await page.getByTestId("review-card").first().getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByTestId("link-copied")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${new URL(page.url()).origin}/videos/${seeded.readyId}?highlight=${hid}`);

  // A timecode link opens the room at that frame, nothing selected.
  await page.goto(`${room}?t=00:00:04:05`);
  await mediaReady(page);
  await expect(page.getByTestId("frame")).toHaveText(String(4 * 25 + 5));
  await expect
    .poll(() => page.evaluate(() => document.querySelector("video")!.currentTime))
    .toBeCloseTo(4.2, 1);
  await expect(page.getByTestId("review-card").first()).not.toHaveAttribute("aria-current", "true");

  // The copied highlight link: the player at its start (0.75 s), the card selected.
  await page.goto(copied);
  await mediaReady(page);
  await expect(page.getByTestId("review-card").first()).toHaveAttribute("aria-current", "true");
  await expect
    .poll(() => page.evaluate(() => document.querySelector("video")!.currentTime))
    .toBeCloseTo(0.75, 1);
  await expect(page.getByText(/selected: penalty 00:00:00:18/)).toBeVisible();
  await shot(page, "room-at-highlight");

  // A link to a highlight this video does not have says so.
  await page.goto(`${room}?highlight=00000000-0000-4000-8000-000000000000`);
  await expect(page.getByTestId("notice")).toHaveText(
    "The linked highlight is not in this video's current highlights.",
  );
});

test("a share link plays signed out, leaks nothing else, and is a 404 once revoked", async ({
  page,
  browser,
  guard,
}) => {
  test.setTimeout(240_000);
  // After the revoke the signed-out page and its media answer 404 (what this test checks), and the
  // still-open player may ask for more of the media once more.
  guard.allow(/^HTTP 404: GET http:\/\/[^/]+\/(s|api\/share)\/[A-Za-z0-9_-]+(\/media)?$/);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/videos/${seeded.readyId}`);
  const downloads = page.getByTestId("downloads");
  await downloads.getByRole("button", { name: /Build reel|Rebuild reel/ }).click();
  await downloads.getByRole("button", { name: "Share reel…" }).click({ timeout: 120_000 });
  await downloads.getByLabel("Link lasts").selectOption("1");
  await downloads.getByRole("button", { name: "Create link" }).click();
  const link = await downloads.getByLabel("Share link").inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await shot(page, "room-share-reel");
  await page.setViewportSize({ width: 390, height: 844 });
  await downloads.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, "links-room-share-reel-390x844.png") });
  await page.setViewportSize({ width: 1366, height: 768 });

  const signedOut = await browser.newContext();
  const guest = await signedOut.newPage();
  const res = await guest.goto(link);
  expect(res!.status()).toBe(200);
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  await expect(guest.getByRole("heading", { name: "Highlight reel" })).toBeVisible();
  await expect(guest.getByTestId("current-user")).toHaveCount(0);
  const html = await guest.content();
  expect(html).not.toContain(seeded.readyId);
  await guest.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 2);
  await guest.evaluate(() => {
    const v = document.querySelector("video")!;
    v.muted = true;
    return v.play();
  });
  await expect
    .poll(() => guest.evaluate(() => document.querySelector("video")!.currentTime))
    .toBeGreaterThan(0.3);
  for (const size of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    await guest.setViewportSize(size);
    await guest.screenshot({
      path: path.join(ARTIFACTS, `links-share-page-${size.width}x${size.height}.png`),
    });
  }
  // Signed out, the app's API is still closed.
  expect((await guest.request.get(new URL("/api/videos", link).toString())).status()).toBe(401);
  const mediaUrl = link.replace("/s/", "/api/share/") + "/media";
  expect((await guest.request.get(mediaUrl, { headers: { range: "bytes=0-1" } })).status()).toBe(206);

  // The admin sees it and revokes it: page and media are gone at once.
  await page.goto("/admin/users");
  const row = page.getByTestId("share-link-row").filter({ hasText: "Highlight reel" }).first();
  await expect(row).toBeVisible();
  await shot(page, "admin-share-links");
  await page.setViewportSize({ width: 390, height: 844 });
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, "links-admin-share-links-390x844.png") });
  const before = await page.getByTestId("share-link-row").count();
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("share-link-row")).toHaveCount(before - 1);
  expect((await guest.goto(link))!.status()).toBe(404);
  expect((await guest.request.get(mediaUrl)).status()).toBe(404);
  expect((await guest.request.get(link.slice(0, -4) + "AAAA")).status()).toBe(404);
  await signedOut.close();
});
