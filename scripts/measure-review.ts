// `npm run measure:review -- --video <id> [--url http://localhost:3000] [--loads 3] [--seeks 20] [--verbose]`:
// how it feels to review a video, measured in the browser (Debian's Chromium through Playwright, headless)
// against a running app. Every figure is taken inside the page with performance.now()/event timestamps:
//   • cold page load (a fresh browser context: no HTTP cache): navigation → review room rendered (the
//     page is interactive), → player ready (its first frame painted; 'loadeddata' where Chromium calls no
//     frame callback for it), → timeline drawn with every layer the video has (scores, waveform,
//     filmstrip) and every score point;
//   • seeks: clicks at random places on the whole-match timeline, from the click to the first frame of the
//     new position painted (requestVideoFrameCallback, the frame's expected display time);
//   • frame steps (→ and ←, --steps of each, from 3 random places): key press → next/previous frame painted;
//   • timeline: wheel-zoom to the redrawn timeline on screen, redraws while playing, long tasks.
// A human summary, then one JSON line.
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { loadavg } from "node:os";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { env } from "@/lib/platform/env";
import type { TReviewDto } from "@/lib/schemas/review";
import { inPage, type LoadResult, type Timed } from "./measure-review-page";

// The admin login lives in .env (npm run up writes it there); the environment wins over the file.
if (existsSync(".env")) process.loadEnvFile(".env");

const { values } = parseArgs({
  options: {
    video: { type: "string" },
    url: { type: "string", default: `http://localhost:${env().PORT}` },
    email: { type: "string", default: env().ADMIN_EMAIL },
    password: { type: "string", default: env().ADMIN_PASSWORD },
    loads: { type: "string", default: "3" },
    seeks: { type: "string", default: "20" },
    steps: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    verbose: { type: "boolean", default: false },
  },
});
if (!values.video || !values.password) {
  console.error(
    "usage: measure-review.ts --video ID [--url U] [--loads N] [--seeks N] [--steps N] [--seed S] [--verbose]",
  );
  process.exit(2);
}
const base = values.url.replace(/\/$/, "");
const videoPath = `/videos/${values.video}`;
// A 1080p editor screen: player and whole timeline fit without scrolling.
const VIEWPORT = { width: 1920, height: 1080 };
const WAIT_MS = 60_000;

// mulberry32: the same "random" seek positions on every run with the same --seed.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const stats = (all: number[]) => {
  const xs = all.filter((x) => Number.isFinite(x));
  return { n: xs.length, p50: round(q(xs, 50)), p95: round(q(xs, 95)), max: round(Math.max(...xs)) };
};
const round = (x: number) => Math.round(x * 10) / 10;
const ms = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${Math.round(x)} ms`);

async function signedInState(browser: Browser): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  const ctx = await browser.newContext({ baseURL: base });
  const page = await ctx.newPage();
  // The sign-in form, as e2e/helpers.ts fills it.
  await page.goto("/login");
  await page.getByLabel("Email").fill(values.email);
  await page.getByLabel("Password").fill(values.password!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: WAIT_MS });
  const state = await ctx.storageState();
  await ctx.close();
  return state;
}

interface Expect {
  layers: string[];
  points: number;
}

/** What a complete timeline shows for this video: the layers its data has, and every score sample. */
function expected(r: TReviewDto): Expect {
  const layers = ["ruler"];
  if (r.filmstripVttUrl) layers.push("film");
  if (r.waveform && r.waveform.peaks.length > 0) layers.push("wave");
  const shown = r.scores ? r.scores.labels.filter((l) => l !== "background") : [];
  if (shown.length > 0) layers.push("conf");
  return { layers, points: shown.length * (r.scores?.windows.length ?? 0) };
}

async function coldLoad(page: Page, want: Expect): Promise<LoadResult> {
  await page.goto(videoPath, { waitUntil: "commit" });
  await page.waitForFunction((w) => window.__mc.complete(w), want, { timeout: WAIT_MS, polling: 100 });
  // Let late work (sprite decode, status polls) land in the long-task figures too.
  await page.waitForTimeout(1000);
  return page.evaluate(() => window.__mc.loadSummary());
}

async function measure(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: values.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    const state = await signedInState(browser);
    const newPage = async () => {
      // A new context per load: empty HTTP cache, nothing decoded, as a reviewer opening the page cold.
      const ctx = await browser.newContext({ baseURL: base, storageState: state, viewport: VIEWPORT });
      // tsx (esbuild keepNames) wraps named functions in __name(); the page has no such helper.
      await ctx.addInitScript({ content: `window.__name = (f) => f;\n(${inPage.toString()})();` });
      return { ctx, page: await ctx.newPage() };
    };

    const { ctx: apiCtx } = await newPage();
    const review = (await (
      await apiCtx.request.get(`/api/videos/${values.video}/review`)
    ).json()) as TReviewDto;
    await apiCtx.close();
    const want = expected(review);
    const { durationS, fps } = review.video;
    console.log(
      `video ${review.video.title}: ${(durationS / 60).toFixed(1)} min, ${fps} fps, ${review.media.kind}, ` +
        `${review.highlights.highlights.length} highlights, ${want.points} score points, timeline layers ` +
        want.layers.join("+"),
    );
    if (review.media.kind !== "proxy") console.log("warning: no proxy yet; the page plays the source");

    const loads: LoadResult[] = [];
    for (let i = 0; i < Number(values.loads); i++) {
      const { ctx, page } = await newPage();
      loads.push(await coldLoad(page, want));
      const l = loads.at(-1)!;
      const api = l.reviewApi;
      console.log(
        `cold load ${i + 1}: HTML ${ms(l.ttfbMs)} · JS (${l.scripts.count} files, ${l.scripts.transferKB} KB) ` +
          `${ms(l.scripts.lastEndMs)} · review JSON ${api ? `${ms(api.startMs)} → ${ms(api.startMs + api.ms)} (${api.transferKB} KB over the wire, ${api.bodyKB} KB)` : "?"} · ` +
          `room ${ms(l.roomMs)} · player created ${ms(l.playerCreatedMs)}, loading ${ms(l.playerLoadStartMs)}, ` +
          `metadata ${ms(l.playerMetadataMs)}, ready ${ms(l.playerReadyMs)} · timeline complete ${ms(l.timelineCompleteMs)} ` +
          `(${l.timelineDraws} draws) · long tasks ${l.longTasks.count} (${l.longTasks.totalMs} ms, max ${l.longTasks.maxMs} ms)`,
      );
      if (values.verbose) console.log(`  long tasks [start, ms]: ${JSON.stringify(l.longTasks.each)}`);
      if (values.verbose)
        for (const f of l.fetches) console.log(`  ${f.startMs}–${f.endMs} ms ${f.transferKB} KB ${f.path}`);
      if (i < Number(values.loads) - 1) await ctx.close();
      else await interact(page, durationS, fps, loads);
    }
  } finally {
    await browser.close();
  }
}

async function interact(page: Page, durationS: number, fps: number, loads: LoadResult[]): Promise<void> {
  const random = rng(Number(values.seed));
  const timeline = page.getByTestId("timeline");
  await page.getByRole("button", { name: "Whole match" }).click();
  const box = (await timeline.boundingBox())!;
  // The confidence row: a click there seeks and selects nothing.
  const y = box.y + 130;

  // Arms the in-page probe for the next input event, acts, and waits for the frame it brings.
  const tolerance = 1.5 / fps;
  const timed = async (kind: "pointerup" | "keydown", act: () => Promise<void>): Promise<Timed> => {
    await page.evaluate(([k, tol]) => window.__mc.arm(k, tol), [kind, tolerance] as const);
    await act();
    const t = (await page.evaluate(() => window.__mc.pending)) as Timed;
    if (values.verbose) console.log(kind, JSON.stringify(t));
    return t;
  };

  // Seeks: click at a random place on the whole-match timeline.
  const seeks: Timed[] = [];
  for (let i = 0; i < Number(values.seeks); i++) {
    const x = box.x + 2 + random() * (box.width - 4);
    seeks.push(await timed("pointerup", () => page.mouse.click(x, y)));
    await page.waitForTimeout(300);
  }

  // Frame steps from a few random places: → then ←, with the timeline focused (as after a click).
  const fwd: Timed[] = [];
  const back: Timed[] = [];
  const places = 3;
  for (let i = 0; i < places; i++) {
    const x = box.x + 2 + random() * (box.width - 4);
    await timed("pointerup", () => page.mouse.click(x, y));
    await page.waitForTimeout(300);
    for (let k = 0; k < Math.ceil(Number(values.steps) / places); k++) {
      fwd.push(await timed("keydown", () => page.keyboard.press("ArrowRight")));
      await page.waitForTimeout(100);
    }
    for (let k = 0; k < Math.ceil(Number(values.steps) / places); k++) {
      back.push(await timed("keydown", () => page.keyboard.press("ArrowLeft")));
      await page.waitForTimeout(100);
    }
  }
  const all = [...seeks, ...fwd, ...back];
  const frames = {
    wrong: all.filter((t) => !t.ok).length,
    seenByPaintAfterSeeked: all.filter((t) => t.via === "seeked+paint").length,
    timedOut: all.filter((t) => t.via === "timeout").length,
  };

  // Wheel zoom around a random place: 8 steps in, 8 out; each to the next frame after the redraw.
  const zooms: { toPaintMs: number; drawMs: number }[] = [];
  await page.mouse.move(box.x + box.width * (0.2 + 0.6 * random()), y);
  for (const dy of [...Array<number>(8).fill(-300), ...Array<number>(8).fill(300)]) {
    await page.evaluate(() => window.__mc.armRedraw());
    await page.mouse.wheel(0, dy);
    const r = (await page.evaluate(() => window.__mc.pending)) as {
      toPaintMs: number;
      drawMs: number;
    } | null;
    if (r) zooms.push(r);
  }

  // Playback: the playhead moves on its own layer; the canvas should not redraw while it plays.
  await page.getByRole("button", { name: "Whole match" }).click();
  await page.mouse.click(box.x + box.width * 0.5, y);
  await page.waitForTimeout(500);
  const before = await page.evaluate(() => window.__mc.snapshot());
  await page.keyboard.press("Space");
  await page.waitForTimeout(3000);
  await page.keyboard.press("Space");
  const after = await page.evaluate(() => window.__mc.snapshot());
  const playing = {
    seconds: round(after.currentTime - before.currentTime),
    redraws: after.draws - before.draws,
    longTasks: after.longTasks - before.longTasks,
    droppedFrames: after.dropped - before.dropped,
    framesShown: after.frames - before.frames,
  };

  const first = (t: Timed) => t.firstFrameMs;
  const summary = {
    loads: {
      n: loads.length,
      roomMs: stats(loads.map((l) => l.roomMs)),
      playerReadyMs: stats(loads.map((l) => l.playerReadyMs)),
      timelineCompleteMs: stats(loads.map((l) => l.timelineCompleteMs)),
      reviewJsonKB: loads[0]?.reviewApi?.transferKB ?? null,
      each: loads,
    },
    seekToFirstFrameMs: stats(seeks.map(first)),
    seekToSeekedMs: stats(seeks.map((t) => t.seekedMs)),
    frameStepForwardMs: stats(fwd.map(first)),
    frameStepBackMs: stats(back.map(first)),
    frames,
    wheelZoomToPaintMs: stats(zooms.map((z) => z.toPaintMs)),
    timelineDrawMs: stats(zooms.map((z) => z.drawMs)),
    playing,
    durationS,
    fps,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };

  const line = (label: string, s: ReturnType<typeof stats>) =>
    `${label.padEnd(34)} p50 ${ms(s.p50).padStart(8)}  p95 ${ms(s.p95).padStart(8)}  max ${ms(s.max).padStart(8)}  (n=${s.n})`;
  console.log("");
  console.log(
    `Reviewing ${(durationS / 60).toFixed(0)} min at ${base} (Chromium headless, ${VIEWPORT.width}×${VIEWPORT.height})`,
  );
  console.log(line("page → room interactive", summary.loads.roomMs));
  console.log(line("page → player ready (1st frame)", summary.loads.playerReadyMs));
  console.log(line("page → timeline complete", summary.loads.timelineCompleteMs));
  console.log(line("seek (timeline click) → frame", summary.seekToFirstFrameMs));
  console.log(line("seek → 'seeked'", summary.seekToSeekedMs));
  console.log(line("→ one frame forward", summary.frameStepForwardMs));
  console.log(line("← one frame back", summary.frameStepBackMs));
  console.log(line("wheel zoom → redrawn on screen", summary.wheelZoomToPaintMs));
  console.log(line("timeline canvas draw", summary.timelineDrawMs));
  console.log(
    `playing ${playing.seconds} s: ${playing.redraws} timeline redraws, ${playing.longTasks} long tasks, ` +
      `${playing.droppedFrames} of ${playing.framesShown} frames dropped; wrong frames ${frames.wrong}, ` +
      `${frames.seenByPaintAfterSeeked} of ${all.length} frames seen by the paint after 'seeked' (no frame callback), ` +
      `${frames.timedOut} timed out; ` +
      `load average ${summary.loadavg.join(" ")}`,
  );
  console.log(JSON.stringify(summary));
}

await measure();
