// Issue #15: a delete goes to the Trash, and the owner restores the video from there.
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN, apiSignIn, createUser, expect, signIn, test } from "./helpers";

test("an editor deletes their video to the Trash and restores it; another editor cannot delete it", async ({
  browser,
  request,
}) => {
  await apiSignIn(request, ADMIN.email, ADMIN.password);
  const [owner, other] = [await createUser(request, "editor"), await createUser(request, "editor")];
  const title = `trash-${randomUUID().slice(0, 8)}`;
  const file = path.join(await mkdtemp(path.join(tmpdir(), "e2e-trash-")), `${title}.mp4`);
  await writeFile(file, "not really a video\n".repeat(100));

  const ownerCtx = await browser.newContext();
  const page = await ownerCtx.newPage();
  await signIn(page, owner.email, owner.password);
  await page.getByLabel("Choose video files").setInputFiles(file);
  const row = page.getByTestId("video-row").filter({ hasText: title });
  await expect(row).toBeVisible();
  const videoId = (await row.locator("a").first().getAttribute("href"))!.split("/").pop()!;

  // Another editor's delete is refused by the API.
  const otherCtx = await browser.newContext();
  const otherPage = await otherCtx.newPage();
  await signIn(otherPage, other.email, other.password);
  expect((await otherPage.request.delete(`/api/videos/${videoId}`)).status()).toBe(403);
  await otherCtx.close();

  await page.getByRole("button", { name: `Delete ${title}` }).click();
  await expect(page.getByRole("dialog")).toContainText("Trash");
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);

  await page.getByRole("link", { name: "Trash" }).click();
  const trashed = page.getByTestId("trash-row").filter({ hasText: title });
  await expect(trashed).toBeVisible();
  await trashed.getByRole("button", { name: `Restore ${title}` }).click();
  await expect(trashed).toHaveCount(0);

  await page.getByRole("link", { name: "Library" }).click();
  await expect(page.getByTestId("video-row").filter({ hasText: title })).toBeVisible();
  await ownerCtx.close();
});
