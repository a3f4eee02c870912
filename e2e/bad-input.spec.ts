// Issue #16 in the browser: an MP4 cut to its first 30 % (index at the start) becomes ready, and says
// so: the library row and the review room carry the coverage warning, and the timeline hatches the
// part that was never analysed.
import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { corpus } from "@/test/bad-inputs/corpus";
import { ADMIN, expect, signIn, test } from "./helpers";

test("a file cut short is ready with a coverage warning and an unanalysed range on the timeline", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-bad-"));
  const title = `cut-short-${randomUUID().slice(0, 8)}`;
  const file = path.join(dir, `${title}.mp4`);
  await corpus.find((f) => f.name === "truncated-faststart.mp4")!.make(file, dir);
  await signIn(page, ADMIN.email, ADMIN.password);

  await page.getByLabel("Choose video files").setInputFiles(file);
  const row = page.getByTestId("video-row").filter({ hasText: title });
  await expect(row.getByTestId("status-chip")).toHaveText("ready", { timeout: 180_000 });
  await expect(row.getByTestId("coverage-warning")).toHaveText(
    /^Partly analysed: frames after 0:01 could not be decoded\./,
  );

  await row.locator("a").first().click();
  await expect(page.getByTestId("review-room")).toBeVisible();
  await expect(page.getByTestId("coverage-warning")).toContainText("frames after 0:01 could not be decoded");
  await expect(page.getByTestId("timeline")).toHaveAttribute("data-drawn", /\bgaps\b/);
});
