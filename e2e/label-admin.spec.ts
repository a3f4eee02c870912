import { execFile } from "node:child_process";
import { randomInt } from "node:crypto";
import { promisify } from "node:util";
import { ADMIN, expect, signIn, test } from "./helpers";

// Issue #14: in the Teach panel an editor fixes a mistyped label and removes one added by mistake, on a
// phone-sized screen. The seeded library's ready video (test/seed-library.ts) is the review room; no
// analysis or retrain runs. Label names are new per run.
const letters = (n: number) =>
  Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyz"[randomInt(26)]).join("");

test("an editor renames a taught label and removes it with its examples", async ({ page }) => {
  test.setTimeout(180_000);
  const { stdout } = await promisify(execFile)("npx", ["--no-install", "tsx", "test/seed-library.ts"], {
    maxBuffer: 1 << 20,
  });
  const { readyId } = JSON.parse(stdout.trim().split("\n").pop()!) as { readyId: string };
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/videos/${readyId}`);
  await expect(page.getByTestId("review-room")).toBeVisible();
  const teach = page.getByRole("region", { name: "Teach the model" });
  const typo = `pnalty-${letters(6)}`;
  const fixed = `corner-${letters(6)}`;
  const row = (name: string) => teach.getByTestId("known-label").filter({ hasText: name });

  await teach.getByLabel("New label").fill(typo);
  await teach.getByRole("button", { name: "Add label" }).click();
  await expect(row(typo)).toHaveCount(1);
  // The model's own label has neither button.
  const builtIn = teach.getByTestId("known-label").filter({ hasText: "(built in)" }).first();
  await expect(builtIn.getByRole("button")).toHaveCount(0);

  await row(typo).getByRole("button", { name: "Rename" }).click();
  await row(typo).getByLabel(`New name for ${typo}`).fill(fixed);
  await row(typo).getByRole("button", { name: "Save name" }).click();
  await expect(row(fixed)).toHaveCount(1);
  await expect(row(typo)).toHaveCount(0);
  await expect(
    teach.getByLabel("Mark examples with I and O of").locator("option", { hasText: fixed }),
  ).toHaveCount(1);

  // One example of it (a highlight marked for the label, as I and O save it), then remove it.
  const mark = await page.request.post(`/api/videos/${readyId}/review/highlights`, {
    data: { label: fixed, startS: 1, endS: 3 },
  });
  expect(mark.status(), await mark.text()).toBeLessThan(300);
  await page.reload();
  await row(fixed).getByRole("button", { name: "Remove" }).click();
  const confirm = row(fixed).getByRole("group", { name: `Remove ${fixed}` });
  await expect(confirm).toContainText(`Remove "${fixed}" and its 1 example on 1 video?`);
  for (const b of await row(fixed).getByRole("button").all())
    expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(40 - 0.5);
  await confirm.getByRole("button", { name: "Remove label and examples" }).click();
  await expect(row(fixed)).toHaveCount(0);
  const labels = (await (await page.request.get("/api/labels")).json()) as { labels: { name: string }[] };
  expect(labels.labels.map((l) => l.name)).not.toContain(fixed);
  const review = (await (await page.request.get(`/api/videos/${readyId}/highlights`)).json()) as {
    highlights: { label: string }[];
  };
  expect(review.highlights.map((h) => h.label)).not.toContain(fixed);
});
