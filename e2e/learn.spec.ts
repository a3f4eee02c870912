import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN, expect, markReviewComplete, signIn, test, uploadUntilReady } from "./helpers";

// Issue #14: the review room teaches the model. Three uploads of one real held-out open-play clip
// (13 s, Serie A broadcast, test split): on two the editor rejects what the model suggests, marks the
// first 5 s as a highlight by hand (N) and accepts it, rejects a hand-marked span later on one of them,
// and marks the reviews complete. A retrain (one of the two is held out) must beat the installed model
// there; activating it re-scores the third, unlabelled copy from its cached features: its suggestions
// change, and no analysis chunk (the decode) runs.
const CLIP = path.resolve("../shared/data/clips/other/soccer_broadcast_seriea_openplay.mp4");

async function chunkJobsDone(page: Page): Promise<number> {
  const r = await page.request.get("/api/admin/queues");
  const q = (await r.json()) as { queues: { queue: string; counts: Record<string, number> }[] };
  const c = q.queues.find((x) => x.queue === "analyze-chunk")!.counts;
  return (c.completed ?? 0) + (c.active ?? 0) + (c.waiting ?? 0) + (c.failed ?? 0);
}

async function review(page: Page, videoId: string, rejectLater: boolean) {
  await page.goto(`/videos/${videoId}`);
  await expect(page.getByTestId("review-room")).toBeVisible();
  await page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 2);
  const cards = page.getByTestId("review-card");
  // reject every suggestion of the installed model
  for (const card of await cards.all()) {
    const reject = card.getByRole("button", { name: "Reject" });
    if (await reject.isEnabled()) {
      const saved = page.waitForResponse(
        (r) => r.url().includes("/api/highlights/") && r.request().method() === "PATCH",
      );
      await reject.click();
      expect((await saved).status()).toBe(200);
    }
  }
  const mark = async (atS: number) => {
    await page.getByTestId("timeline").focus();
    for (let i = 0; i < atS; i++) await page.keyboard.press("Shift+ArrowRight");
    const made = page.waitForResponse(
      (r) => r.url().endsWith("/review/highlights") && r.request().method() === "POST",
    );
    await page.keyboard.press("n");
    const res = await made;
    expect(res.status()).toBe(200);
    // N clamps a mark near the end so that it stays 5 s long: its card is named by the start it got
    const { startS } = (await res.json()) as { startS: number };
    const at = `00:${String(Math.floor(startS)).padStart(2, "0")}`;
    return page
      .getByTestId("review-card")
      .filter({ has: page.getByRole("button", { name: `Select penalty at ${at}` }) });
  };
  const kick = await mark(0);
  const accepted = page.waitForResponse(
    (r) => r.url().includes("/api/highlights/") && r.request().method() === "PATCH",
  );
  await kick.getByRole("button", { name: "Accept" }).click();
  expect((await accepted).status()).toBe(200);
  if (rejectLater) {
    const other = await mark(8);
    const rejected = page.waitForResponse(
      (r) => r.url().includes("/api/highlights/") && r.request().method() === "PATCH",
    );
    await other.getByRole("button", { name: "Reject" }).click();
    expect((await rejected).status()).toBe(200);
  }
  const teach = page.getByRole("region", { name: "Teach the model" });
  await expect(teach.getByTestId("label-count")).toHaveText(/^1 highlight and \d+ rejections? labelled/);
  await markReviewComplete(teach);
}

test("decisions in the review room retrain the model; activating it changes suggestions without a decode", async ({
  page,
}) => {
  test.setTimeout(1_800_000);
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-learn-"));
  const tag = randomUUID().slice(0, 8);
  const files = ["a", "b", "c"].map((x) => path.join(dir, `learn-${tag}-${x}.mp4`));
  for (const f of files) await copyFile(CLIP, f);

  await signIn(page, ADMIN.email, ADMIN.password);
  const ids = await uploadUntilReady(page, files);
  await review(page, ids[0]!, false);
  await review(page, ids[1]!, true);

  // The unlabelled copy before: the installed model's suggestions.
  const before = (await (await page.request.get(`/api/videos/${ids[2]}/highlights`)).json()) as {
    analysisId: string;
    highlights: { startS: number; endS: number }[];
  };
  const chunks = await chunkJobsDone(page);

  await page.goto("/admin/models");
  await page.getByRole("button", { name: "Retrain from labels" }).click();
  const version = page.getByTestId("model-version").first();
  await expect(version.getByTestId("retrain-stage")).toHaveText(/training \(PyTorch\) · \d+ %/, {
    timeout: 600_000,
  });
  await expect(version.getByRole("progressbar")).toBeVisible();
  await expect(version.getByTestId("version-status")).toHaveText(/ready|refused|failed/, {
    timeout: 1_200_000,
  });
  await expect(version.getByTestId("verdict")).toHaveText(/^Beats the active model on/);
  await expect(version.getByTestId("version-status")).toHaveText("ready");
  await expect(version.getByTestId("held-out").first()).toHaveText(
    /precision .* recall .* events\) · \d+ false highlights? .* held-out min/,
  );
  await expect(version.getByTestId("examples")).toHaveText(/Trained on \d+ event and \d+ background windows/);
  const name = (await version.getAttribute("aria-label"))!.replace(/^version /, "");
  await version.getByRole("button", { name: `Activate ${name}` }).click();
  await expect(version.getByRole("status")).toHaveText(/Active; re-scoring \d+ videos/);
  await expect(version.getByTestId("version-status")).toHaveText("active");

  // The third copy, re-scored from cached features by the new head.
  await page.goto(`/videos/${ids[2]}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("model-version")).toHaveText(`model ${name}`, { timeout: 2_000 });
  }).toPass({ timeout: 300_000 });
  const after = (await (await page.request.get(`/api/videos/${ids[2]}/highlights`)).json()) as typeof before;
  expect(after.analysisId).not.toBe(before.analysisId);
  // it learnt the editors' highlight at the start of the clip
  expect(after.highlights.some((h) => h.startS < 5 && h.endS > 0)).toBe(true);
  expect(after.highlights.map((h) => [h.startS, h.endS])).not.toEqual(
    before.highlights.map((h) => [h.startS, h.endS]),
  );
  expect(await chunkJobsDone(page)).toBe(chunks);

  // Roll back, so the specs after this one see the installed model.
  await page.goto("/admin/models");
  await page.getByRole("button", { name: /^Roll back to / }).click();
  await expect(page.getByTestId("installed")).toHaveText(/\(active\)/);
});
