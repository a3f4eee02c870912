import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { formatDuration } from "@/components/format";
import { buildMatch, sharedClip } from "@/test/match";
import { cutHls, serveLive, type CutSegment, type LiveServer } from "@/test/live/hls-server";
import { ADMIN, expect, signIn, test } from "./helpers";

// A held-out penalty (models/tools/splits.json: test) between footage the model leaves alone
// (worker/live/live-detect.int.test.ts finds no penalty in these two).
const BASKETBALL = sharedClip("clips/other/basketball_game.mp4");
const PENALTY = sharedClip("clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4");
const OVERHEAD = sharedClip("clips/other/soccer_overhead_camera_openplay.mp4");
const SEGMENT_S = 4;
const ARTIFACTS = path.resolve("e2e/artifacts");

async function videoDuration(file: string): Promise<number> {
  const { stdout } = await promisify(execFile)("ffprobe", [
    ...["-v", "error", "-select_streams", "v:0", "-show_entries", "format=duration", "-of", "csv=p=0", file],
  ]);
  return Number.parseFloat(stdout);
}

interface Detection {
  label: string;
  startS: number;
  endS: number;
  clipStatus: string;
}

let dir: string;
let segs: CutSegment[];
let kick: { start: number; end: number };
test.beforeAll(async () => {
  // One encode of ~43 s of 720p with a keyframe every second, cut into segments as it is.
  test.setTimeout(300_000);
  dir = await mkdtemp(path.join(tmpdir(), "e2e-live-"));
  const layout = await buildMatch([BASKETBALL, PENALTY, OVERHEAD], path.join(dir, "match.mp4"), {
    keyframeEveryS: 1,
  });
  kick = { start: layout.starts[1]!, end: layout.starts[1]! + layout.durations[1]! };
  segs = await cutHls(path.join(dir, "match.mp4"), dir, SEGMENT_S, { copy: true });
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("an editor follows a live stream: the timeline grows and the penalty's clip downloads before it ends", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await mkdir(ARTIFACTS, { recursive: true });
  const server: LiveServer = await serveLive(segs);
  // An encoder going live as the editor starts following: one segment listed, then one more per
  // segment duration, until the test ends the stream.
  let stop = false;
  let playing: Promise<void> = Promise.resolve();
  const goLive = () => {
    server.publish(1);
    playing = (async () => {
      for (let i = 1; i < segs.length && !stop; i++) {
        await new Promise((r) => setTimeout(r, segs[i - 1]!.durationS * 1000));
        if (!stop) server.publish(1);
      }
    })();
  };

  let id: string | undefined;
  try {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole("link", { name: "Live", exact: true }).click();
    const title = `live-${randomUUID().slice(0, 8)}`;
    const form = page.getByRole("form", { name: "Add live source" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("HLS playlist URL (.m3u8)").fill(server.url);
    goLive();
    await form.getByRole("button", { name: "Start following" }).click();
    await expect(page).toHaveURL(/\/live\/[0-9a-f-]{36}$/);
    id = page.url().split("/").pop()!;
    const status = page.getByTestId("live-status");
    await expect(status).toHaveText("live", { timeout: 60_000 });

    // The timeline grows while the stream plays: its span and its plotted windows both increase.
    const timeline = page.getByRole("img", { name: /confidence over \d+ s of stream/ });
    const spanS = async () =>
      Number(/over (\d+) s/.exec((await timeline.getAttribute("aria-label")) ?? "")![1]);
    const plotted = async () =>
      ((await page.locator("figure[aria-label='Live timeline'] polyline").getAttribute("points")) ?? "")
        .trim()
        .split(/\s+/).length;
    await expect.poll(spanS, { timeout: 60_000 }).toBeGreaterThanOrEqual(2 * SEGMENT_S);
    const [span0, points0] = [await spanS(), await plotted()];
    await expect.poll(spanS, { timeout: 60_000 }).toBeGreaterThan(span0);
    expect(await plotted()).toBeGreaterThan(points0);
    await expect(status).toHaveText("live");

    // The penalty is detected and its clip can be downloaded while the stream is still live.
    const detections = page.getByRole("region", { name: "Detections" });
    const download = detections.getByRole("link", { name: "Download clip" });
    await expect(download.first()).toBeVisible({ timeout: 180_000 });
    await expect(status).not.toHaveText("ended");
    const publishedAtClip = server.published();
    const detail = await page.request.get(`/api/live/${id}`).then((r) => r.json());
    const found = (detail.detections as Detection[]).filter(
      (h) => h.label === "penalty" && h.clipStatus === "ready" && h.startS < kick.end && h.endS > kick.start,
    );
    expect(found.length, JSON.stringify(detail.detections)).toBeGreaterThan(0);
    const hit = found[0]!;
    const item = detections
      .getByRole("listitem")
      .filter({ hasText: `penalty ${formatDuration(hit.startS)} – ${formatDuration(hit.endS)}` });
    await page.screenshot({ path: path.join(ARTIFACTS, "live-while-playing.png"), fullPage: true });

    const [file] = await Promise.all([
      page.waitForEvent("download"),
      item.getByRole("link", { name: "Download clip" }).click(),
    ]);
    const clipFile = path.join(dir, "clip.mp4");
    await file.saveAs(clipFile);
    expect(Math.abs((await videoDuration(clipFile)) - (hit.endS - hit.startS))).toBeLessThan(0.2);
    const note = `clip ${hit.startS.toFixed(1)}–${hit.endS.toFixed(1)} s (kick ${kick.start.toFixed(1)}–${kick.end.toFixed(1)} s) downloadable after ${publishedAtClip} of ${segs.length} segments were published`;
    test.info().annotations.push({ type: "live", description: note });
    console.log(`live: ${note}`);

    // The stream ends (#EXT-X-ENDLIST): the page says so.
    stop = true;
    await playing;
    server.publish(segs.length);
    server.end();
    await expect(status).toHaveText("ended", { timeout: 120_000 });
  } finally {
    stop = true;
    await playing;
    // A failed run must not leave the worker following a stream whose server is gone.
    if (id) await page.request.post(`/api/live/${id}/stop`).catch(() => undefined);
    await server.close();
  }
});
