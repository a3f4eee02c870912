import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import path from "node:path";
import { randomUUID } from "node:crypto";

// Every spec takes `test` from here: it carries the page guard (./guard.ts).
export { expect };
export { test } from "./guard";

export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? "admin@test.local",
  password: process.env.ADMIN_PASSWORD ?? "test-admin-password",
};

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function apiSignIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const res = await request.post("/api/auth/login", { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
}

/** Creates a user through the admin API and returns its credentials. */
export async function createUser(request: APIRequestContext, role: "admin" | "editor" | "viewer") {
  const user = {
    email: `${role}-${randomUUID().slice(0, 8)}@test.local`,
    name: `E2E ${role}`,
    password: "password-123",
    role,
  };
  const res = await request.post("/api/users", { data: user });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return user;
}

/** Uploads the files from the library, waits until each is ready, and returns their video ids in order. */
export async function uploadUntilReady(page: Page, files: string[]): Promise<string[]> {
  await page.getByLabel("Choose video files").setInputFiles(files);
  const ids: string[] = [];
  for (const f of files) {
    const row = page.getByTestId("video-row").filter({ hasText: path.basename(f, ".mp4") });
    await expect(row.getByTestId("status-chip")).toHaveText("ready", { timeout: 900_000 });
    ids.push((await row.locator("a").first().getAttribute("href"))!.split("/").pop()!);
  }
  return ids;
}

/** Ticks "Review complete" in the Teach panel; it turns checked once the server has stored the flag. */
export async function markReviewComplete(teach: Locator): Promise<void> {
  await teach.getByRole("checkbox", { name: /Review complete/ }).click();
  await expect(teach.getByRole("checkbox", { name: /Review complete/ })).toBeChecked();
}
