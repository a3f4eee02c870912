// Issue #25: one decode feeds everything, and a proxy only where needed. A web-playable upload's room has
// its thumbnails, waveform and shot cuts with no proxy made, and plays the original; an AVI gets its
// proxy piece by piece, and the room plays the pieces made so far. The fixtures are made here with ffmpeg.
import type { Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { TReviewDto } from "@/lib/schemas/review";
import { durationOf } from "../test/match";
import { ADMIN, expect, signIn, test } from "./helpers";

const CLIPS = path.resolve("../shared/data/clips");
const OPEN_PLAY = path.join(CLIPS, "other/soccer_broadcast_seriea_openplay.mp4");
const PENALTY = path.join(CLIPS, "penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4");
const OVERHEAD = path.join(CLIPS, "other/soccer_overhead_camera_openplay.mp4");
const ARTIFACTS = path.resolve("e2e/artifacts");
const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

const ffmpeg = (args: string[]) =>
  promisify(execFile)("ffmpeg", ["-hide_banner", "-v", "error", "-y", ...args], { maxBuffer: 1 << 24 });

/** Three broadcasts back to back (two hard cuts) with a tone: H.264/AAC, 2-s GOP, index first. */
async function webPlayable(file: string): Promise<void> {
  const part = (i: number) => `[${i}:v]scale=640:360,setsar=1,fps=25,format=yuv420p[v${i}]`;
  // The tone lasts as long as the pictures: -shortest does not cut a filtergraph's audio here, and a
  // 10-min tone under 48 s of video made a file whose video ends early ("partly analysed").
  let seconds = 0;
  for (const clip of [OPEN_PLAY, PENALTY, OVERHEAD]) seconds += await durationOf(clip);
  const tone = `sine=frequency=440:d=${seconds.toFixed(2)}`;
  await ffmpeg([
    ...["-i", OPEN_PLAY, "-i", PENALTY, "-i", OVERHEAD, "-f", "lavfi", "-i", tone],
    "-filter_complex",
    `${part(0)};${part(1)};${part(2)};[v0][v1][v2]concat=n=3:v=1:a=0[v];[3:a]volume='0.2+0.8*gt(mod(t,4),2)':eval=frame[a]`,
    ...["-map", "[v]", "-map", "[a]", "-shortest", "-c:v", "libx264", "-preset", "veryfast"],
    ...[
      "-g",
      "50",
      "-keyint_min",
      "50",
      "-sc_threshold",
      "0",
      "-c:a",
      "aac",
      "-movflags",
      "+faststart",
      file,
    ],
  ]);
}

/** 130 s of MPEG-4 part 2 + MP3 in AVI: a browser plays neither, so the proxy is 3 pieces of 60 s. */
async function aviMatch(file: string): Promise<void> {
  await ffmpeg([
    ...["-stream_loop", "-1", "-i", PENALTY, "-f", "lavfi", "-i", "sine=frequency=330:d=130"],
    ...[
      "-filter_complex",
      "[0:v]scale=320:180,setsar=1,fps=25[v]",
      "-map",
      "[v]",
      "-map",
      "1:a",
      "-t",
      "130",
    ],
    ...["-c:v", "mpeg4", "-q:v", "6", "-c:a", "libmp3lame", file],
  ]);
}

async function upload(page: Page, file: string): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Choose video files").setInputFiles(file);
  const row = page.getByTestId("video-row").filter({ hasText: path.basename(file, path.extname(file)) });
  await expect(row.locator("a").first()).toHaveAttribute("href", /\/videos\//, { timeout: 120_000 });
  return (await row.locator("a").first().getAttribute("href"))!.split("/").pop()!;
}

const review = (page: Page, id: string) =>
  page.request.get(`/api/videos/${id}/review`).then((r) => r.json() as Promise<TReviewDto>);

async function screenshots(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]!);
}

test.beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
});

test("a web-playable upload: thumbnails, waveform and shot cuts from the analysis, no proxy, the original plays", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-playback-"));
  const file = path.join(dir, `web-${randomUUID().slice(0, 8)}.mp4`);
  await webPlayable(file);
  await signIn(page, ADMIN.email, ADMIN.password);
  const id = await upload(page, file);

  // Everything the room shows besides the highlights, with no proxy made for it.
  const done = await expect
    .poll(
      async () => {
        const r = await review(page, id);
        return r.video.status === "ready" && r.filmstripVttUrl && r.waveform && r.shots.length >= 2;
      },
      { timeout: 480_000, intervals: [2000] },
    )
    .toBe(true)
    .then(() => review(page, id));
  expect(done.playback).toEqual({
    mode: "source",
    reason: "plays the original",
    pieces: null,
    piecesDone: 0,
  });
  expect(done.media).toMatchObject({ kind: "source", type: "video/mp4" });
  // a browser upload stays at its staging key (uploads/<id>/source.mp4)
  expect(done.media.url).toMatch(/^\/api\/media\/uploads\/.+\/source\.mp4/);
  expect((await page.request.get(`/api/videos/${id}/proxy/1/playlist.m3u8`)).status()).toBe(404);
  // the two cuts between the broadcasts, each found by the analysis's own 4-fps frames
  expect(done.shots.length).toBeGreaterThanOrEqual(2);
  // The fixture's tone is loud (volume 1) for 2 s in every 4 and quiet (volume 0.2) between: the
  // waveform must follow it (lavfi's sine peaks at 1/8, so loud ≈ 0.125 and quiet ≈ 0.025).
  const wave = done.waveform!;
  const at = (phase: [number, number]) =>
    wave.peaks.filter((_, i) => {
      const m = (i / wave.rate) % 4;
      return m >= phase[0] && m <= phase[1];
    });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const loud = mean(at([2.3, 3.7]));
  const quiet = mean(at([0.3, 1.7]));
  expect(loud).toBeGreaterThan(0.08);
  expect(loud / quiet).toBeGreaterThan(3);

  await page.goto(`/videos/${id}`);
  await expect(page.getByTestId("media-kind")).toHaveText("plays the original");
  await expect(page.getByText("Partly analysed")).toHaveCount(0);
  await expect(page.getByText(`${done.shots.length} shot cuts`)).toBeVisible();
  await page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 2);
  // the sprite the filmstrip draws from is a real image
  const vtt = await (await page.request.get(done.filmstripVttUrl!)).text();
  const sprite = /^(\S+)#xywh=/m.exec(vtt)![1]!;
  const img = await page.request.get(sprite);
  expect([img.status(), img.headers()["content-type"]]).toEqual([200, "image/jpeg"]);
  await screenshots(page, "playback-original");
});

test("an AVI upload gets its proxy piece by piece, and the room plays the pieces made so far", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-playback-"));
  const file = path.join(dir, `avi-${randomUUID().slice(0, 8)}.avi`);
  await aviMatch(file);
  await signIn(page, ADMIN.email, ADMIN.password);
  const id = await upload(page, file);

  // Watch the pieces arrive one at a time (the API, as often as a person would look).
  const seen = new Set<number>();
  let shot = false;
  await expect
    .poll(
      async () => {
        const r = await review(page, id);
        if (r.playback) seen.add(r.playback.piecesDone);
        const partial = r.playback && r.playback.piecesDone > 0 && r.playback.piecesDone < 3;
        if (partial && !shot) {
          shot = true;
          await page.goto(`/videos/${id}`);
          await expect(page.getByTestId("media-kind")).toHaveText(/^proxy: AVI container, [12] of 3 pieces$/);
          await page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 2);
          await screenshots(page, "playback-proxy-partial");
        }
        return r.playback?.piecesDone;
      },
      { timeout: 540_000, intervals: [1000] },
    )
    .toBe(3);
  expect(shot).toBe(true);
  expect([...seen].some((n) => n > 0 && n < 3)).toBe(true);

  const r = await review(page, id);
  expect(r.playback).toEqual({ mode: "proxy", reason: "proxy: AVI container", pieces: 3, piecesDone: 3 });
  expect(r.media).toMatchObject({ kind: "proxy", type: "application/x-mpegURL" });
  expect(r.media.url).toBe(`/api/videos/${id}/proxy/3/playlist.m3u8`);

  await page.goto(`/videos/${id}`);
  await expect(page.getByTestId("media-kind")).toHaveText("proxy: AVI container, ready");
  await page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 2);
  // A seek into the third piece lands there and shows a frame.
  await page.evaluate(() => {
    document.querySelector("video")!.currentTime = 125;
  });
  await page.waitForFunction(() => {
    const v = document.querySelector("video")!;
    return Math.abs(v.currentTime - 125) < 1 && v.readyState >= 2;
  });
  await screenshots(page, "playback-proxy-ready");
});
