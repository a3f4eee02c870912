// Issue #17: the operators' view. A probe fails for real (a renamed text file), an admin finds it on
// /admin/queues with its error, retries and removes it; an editor is refused the page, its API and
// /api/metrics.
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN, apiSignIn, createUser, expect, signIn, test } from "./helpers";

test("an admin sees every queue and a failed job's error, and retries and removes it", async ({ page }) => {
  const title = `corrupt-${randomUUID().slice(0, 8)}`;
  const file = path.join(await mkdtemp(path.join(tmpdir(), "e2e-ops-")), `${title}.mp4`);
  await writeFile(file, "Team sheet\n".repeat(2000));
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByLabel("Choose video files").setInputFiles(file);
  const chip = page.getByTestId("video-row").filter({ hasText: title }).getByTestId("status-chip");
  await expect(chip).toHaveText(/^failed/, { timeout: 60_000 });
  const { videos } = (await (await page.request.get("/api/videos")).json()) as {
    videos: { id: string; title: string }[];
  };
  const videoId = videos.find((v) => v.title === title)!.id;

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queues" }).click();
  await expect(page).toHaveURL(/\/admin\/queues$/);
  await expect(page.getByRole("heading", { name: "Queues", level: 1 })).toBeVisible();
  const queues = page.getByRole("table", { name: "Queues" });
  for (const name of ["probe", "analyze-chunk", "proxy", "filmstrip", "live-poll"])
    await expect(queues.getByRole("row", { name, exact: true })).toBeVisible();
  await expect(
    queues.getByRole("row", { name: "probe", exact: true }).locator('[data-state="failed"]'),
  ).not.toHaveText("0");

  const failed = page.getByTestId("failed-job").filter({ hasText: `${videoId}_probe` });
  await expect(failed).toBeVisible();
  await expect(failed.getByTestId("failed-reason")).toHaveText("this is a text file, not a video");
  await expect(failed).toContainText("UnrecoverableError");
  await expect(failed).toContainText(videoId);

  // Retry puts it back; the worker fails it again (the file is still text), with a new finish time.
  const jobId = `${videoId}_probe`;
  const finishedAt = async () => {
    const res = await page.request.get("/api/admin/queues");
    const body = (await res.json()) as { failed: { id: string; finishedAt: string | null }[] };
    return body.failed.find((j) => j.id === jobId)?.finishedAt ?? null;
  };
  const first = await finishedAt();
  expect(first).not.toBeNull();
  await failed.getByRole("button", { name: "Retry" }).click();
  await expect.poll(finishedAt, { timeout: 60_000 }).not.toBe(first);
  await expect.poll(finishedAt, { timeout: 60_000 }).not.toBeNull();
  await expect(failed.getByTestId("failed-reason")).toHaveText("this is a text file, not a video");
  await failed.getByRole("button", { name: "Remove" }).click();
  await expect(failed).toHaveCount(0);

  // Issue #16: the janitor's dry run on the same page, and "Clean up now" runs it through the queue.
  const cleanup = page.getByRole("region", { name: "Storage cleanup" });
  await expect(cleanup.getByTestId("cleanup-summary")).toHaveText(
    /^Dry run at .*: \d+ objects checked; \d+ orphaned \(.+\) and \d+ abandoned uploads would be removed\./,
  );
  await expect(cleanup.getByTestId("outbox")).toHaveText(/^Outbox: /);
  const janitorRuns = async () => {
    const body = (await (await page.request.get("/api/admin/queues")).json()) as {
      queues: { queue: string; counts: Record<string, number> }[];
    };
    return body.queues.find((q) => q.queue === "janitor")?.counts.completed ?? 0;
  };
  const runs = await janitorRuns();
  await cleanup.getByRole("button", { name: "Clean up now" }).click();
  await expect(cleanup.getByRole("status")).toHaveText(/^Cleanup queued/);
  await expect.poll(janitorRuns, { timeout: 60_000 }).toBeGreaterThan(runs);
});

test("an editor gets 403 from the queues API and /api/metrics, and no queues page", async ({
  browser,
  request,
}) => {
  await apiSignIn(request, ADMIN.email, ADMIN.password);
  const editor = await createUser(request, "editor");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, editor.email, editor.password);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queues" }),
  ).toHaveCount(0);

  expect((await page.request.get("/api/admin/queues")).status()).toBe(403);
  const action = await page.request.post(`/api/admin/queues/probe/jobs/${randomUUID()}_probe`, {
    data: { action: "remove" },
  });
  expect(action.status()).toBe(403);
  expect((await page.request.get("/api/metrics")).status()).toBe(403);

  await page.goto("/admin/queues");
  await expect(page).not.toHaveURL(/\/admin\/queues/);
  await expect(page.getByRole("heading", { name: "Queues" })).toHaveCount(0);
  await context.close();

  // Signed out, /api/metrics asks for credentials.
  const anon = await browser.newContext();
  expect((await anon.request.get("/api/metrics")).status()).toBe(401);
  await anon.close();
});
