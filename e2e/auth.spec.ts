import { ADMIN, apiSignIn, createUser, expect, signIn, test } from "./helpers";

test("a signed-out request gets 401 from the API and a redirect from pages", async ({ page, request }) => {
  const res = await request.get("/api/videos");
  expect(res.status()).toBe(401);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("wrong password is refused with a message", async ({ page, guard }) => {
  guard.allow(/^HTTP 401: POST http:\/\/[^/]+\/api\/auth\/login$/);
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // (Next.js adds an empty role=alert route announcer; match the message itself.)
  await expect(page.getByRole("alert").filter({ hasText: /invalid|incorrect|wrong/i })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a viewer has no upload button and the upload API answers 403", async ({ browser, request }) => {
  await apiSignIn(request, ADMIN.email, ADMIN.password);
  const viewer = await createUser(request, "viewer");

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByRole("heading", { name: "Library" })).toBeVisible();
  await expect(page.getByLabel("Choose video files")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /upload/i })).toHaveCount(0);

  const res = await page.request.post("/api/uploads", {
    data: { fileName: "x.mp4", size: 1000, lastModified: 1, contentType: "video/mp4" },
  });
  expect(res.status()).toBe(403);
  const users = await page.request.get("/api/users");
  expect(users.status()).toBe(403);
  await context.close();
});

test("sign out ends the session", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});
