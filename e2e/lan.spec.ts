// A browser that is not on the app's host uploads, plays and downloads with the embedded default
// storage. Chromium runs inside a network namespace this test creates, joined to the host by a veth pair
// with its own /30; the only address it can reach is the host end of that pair. Runs as root (CI does).
import { chromium, type Browser } from "@playwright/test";
import { execFile, execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmod, copyFile, mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import config from "../playwright.config";
import { ADMIN, expect, test } from "./helpers";

const CLIP = path.resolve("../shared/data/clips/penalty/ucl2012-bay-che/arione_Penalty_Lampard.mp4");
const PORT = new URL(process.env.APP_URL ?? "http://localhost:3100").port;
// Per-run names and subnet, so parallel checkouts on one machine do not collide (IF names ≤ 15 chars).
const TAG = String(process.pid % 10_000);
const NS = `mc-lan-${TAG}`;
const HOST_IF = `mcl${TAG}h`;
const NS_IF = `mcl${TAG}n`;
const NET = `10.200.${process.pid % 250}`;
const HOST_ADDR = `${NET}.1`;
const NS_ADDR = `${NET}.2`;
const APP = `http://${HOST_ADDR}:${PORT}`;

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });

let browser: Browser;
let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "e2e-lan-"));
  ip("netns", "add", NS);
  ip("link", "add", HOST_IF, "type", "veth", "peer", "name", NS_IF);
  ip("link", "set", NS_IF, "netns", NS);
  ip("addr", "add", `${HOST_ADDR}/30`, "dev", HOST_IF);
  ip("link", "set", HOST_IF, "up");
  ip("netns", "exec", NS, "ip", "addr", "add", `${NS_ADDR}/30`, "dev", NS_IF);
  ip("netns", "exec", NS, "ip", "link", "set", NS_IF, "up");
  ip("netns", "exec", NS, "ip", "link", "set", "lo", "up");
  // The link can take a moment to carry traffic: wait until the app answers from inside the namespace.
  await waitReachable();
  // Playwright talks to Chromium over inherited pipes, which `ip netns exec` keeps open.
  const wrapper = path.join(dir, "chromium-in-netns.sh");
  const chromiumPath = config.use?.launchOptions?.executablePath ?? "/usr/bin/chromium";
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${NS} ${chromiumPath} "$@"\n`);
  await chmod(wrapper, 0o755);
  browser = await chromium.launch({ executablePath: wrapper, args: config.use?.launchOptions?.args ?? [] });
});

async function waitReachable(): Promise<void> {
  const probe = `fetch(${JSON.stringify(`${APP}/login`)}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
  for (let i = 0; ; i++) {
    try {
      execFileSync("ip", ["netns", "exec", NS, process.execPath, "-e", probe], {
        stdio: "pipe",
        timeout: 5000,
      });
      return;
    } catch (err) {
      if (i >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

test.afterAll(async () => {
  await browser?.close();
  // Deleting the namespace removes its veth end, and with it the pair.
  for (const args of [
    ["netns", "del", NS],
    ["link", "del", HOST_IF],
  ]) {
    try {
      ip(...args);
    } catch {
      // already gone
    }
  }
});

test("a browser on another machine (network namespace) uploads, plays and downloads through the app", async ({
  guard,
}) => {
  test.setTimeout(420_000);
  const context = await browser.newContext({ baseURL: APP, acceptDownloads: true });
  await guard.watch(context);
  // Plain http on a LAN address is not a trustworthy origin, so Chromium ignores (and says it ignores)
  // the COOP header; over https or on localhost it applies. docs/security.md: production puts TLS in front.
  guard.allow(
    /The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
  );
  const page = await context.newPage();
  const hosts = new Set<string>();
  page.on("request", (r) => {
    if (/^https?:/.test(r.url())) hosts.add(new URL(r.url()).host);
  });
  // The namespace really is apart: the app is not there under the host's loopback.
  guard.allow(new RegExp(`^request failed: GET http://127\\.0\\.0\\.1:${PORT}/login `));
  const probe = await context.newPage();
  await expect(probe.goto(`http://127.0.0.1:${PORT}/login`, { timeout: 10_000 })).rejects.toThrow();
  await probe.close();

  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  const title = `lan-${randomUUID().slice(0, 8)}`;
  const file = path.join(dir, `${title}.mp4`);
  await copyFile(CLIP, file);
  await page.getByLabel("Choose video files").setInputFiles(file);
  const row = page.getByTestId("video-row").filter({ hasText: title });
  await expect(row.getByTestId("status-chip")).toHaveText("ready", { timeout: 240_000 });
  // The video's poster or its best highlight's clip poster: either way through the app's media route.
  await expect(row.locator("img")).toHaveAttribute("src", /^\/api\/media\/videos\/.+\.jpg/);

  await row.locator("a").first().click();
  await expect(page.getByTestId("review-room")).toBeVisible();
  await page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 2);
  await page.evaluate(() => {
    const v = document.querySelector("video")!;
    v.muted = true;
    return v.play();
  });
  await page.waitForFunction(() => (document.querySelector("video")?.currentTime ?? 0) > 0.5);
  // The original through the media route, or (this clip's only keyframe is at 0, so it gets a proxy once
  // its piece exists) the proxy's playlist, whose pieces come through the media route too.
  expect(await page.evaluate(() => document.querySelector("video")!.currentSrc)).toMatch(
    new RegExp(`^${APP}/api/(media/|videos/[^/]+/proxy/\\d+/playlist\\.m3u8$)`),
  );

  const count = page.getByTestId("highlight-count");
  if ((await count.textContent()) === "0") {
    await page.getByTestId("timeline").focus();
    await page.keyboard.press("n");
    await expect(count).toHaveText("1");
  }
  const link = page.getByRole("link", { name: "Download", exact: true }).first();
  await expect(link).toBeVisible({ timeout: 180_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.url()).toMatch(new RegExp(`^${APP}/api/media/`));
  const saved = path.join(dir, "clip.mp4");
  await download.saveAs(saved);
  expect((await stat(saved)).size).toBeGreaterThan(10_000);
  const { stdout } = await promisify(execFile)("ffprobe", [
    "-v",
    "error",
    "-show_entries",
    "format=duration",
    "-of",
    "csv=p=0",
    saved,
  ]);
  expect(Number(stdout)).toBeGreaterThan(0.5);

  // Everything the browser fetched came from the app at its veth address: no S3, no other host.
  expect([...hosts]).toEqual([`${HOST_ADDR}:${PORT}`]);
  await context.close();
});
