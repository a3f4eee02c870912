// The in-page half of scripts/measure-review.ts: installed before the app's own scripts (addInitScript),
// it records when things happen using the page's clock (performance.now(), event timeStamps and
// requestVideoFrameCallback's expected display time all share one time origin: the navigation).
// It must be self-contained: Playwright sends its source text to the browser.

export interface Timed {
  /** input event → the new frame's expected display time (ms) */
  firstFrameMs: number;
  /** input event → the video's 'seeked' event (ms) */
  seekedMs: number;
  /** the frame shown is the one the seek asked for */
  ok: boolean;
  target: number;
  mediaTime: number;
  /** how the paint was seen: the video frame callback, else the first paint after 'seeked' */
  via: "frame-callback" | "seeked+paint" | "timeout";
}

interface Draw {
  t: number;
  layers: string[];
  points: number;
}

export interface LoadResult {
  ttfbMs: number;
  fcpMs: number | null;
  domContentLoadedMs: number;
  /** the page's own JS: how much, and when the last of it arrived */
  scripts: { count: number; transferKB: number; lastEndMs: number };
  reviewApi: { startMs: number; ms: number; transferKB: number; bodyKB: number } | null;
  roomMs: number;
  /** the player's <video> in the page, and its first media request sent */
  playerCreatedMs: number;
  playerLoadStartMs: number;
  playerMetadataMs: number;
  playerReadyMs: number;
  firstFrameMs: number | null;
  timelineFirstDrawMs: number;
  timelineCompleteMs: number;
  timelineDraws: number;
  longTasks: { count: number; totalMs: number; maxMs: number; each: [start: number, ms: number][] };
  /** API calls and media the page fetched: path (no query), start, end, bytes over the wire */
  fetches: { path: string; startMs: number; endMs: number; transferKB: number }[];
}

export interface PageProbe {
  complete(want: { layers: string[]; points: number }): boolean;
  loadSummary(): LoadResult;
  arm(kind: "pointerup" | "keydown", tolerance: number): void;
  armRedraw(): void;
  pending: Promise<unknown> | null;
  snapshot(): {
    currentTime: number;
    draws: number;
    longTasks: number;
    dropped: number;
    frames: number;
  };
}

declare global {
  interface Window {
    __mc: PageProbe;
  }
}

export function inPage(): void {
  const marks: Record<string, number> = {};
  const mark = (k: string, t = performance.now()) => {
    if (!(k in marks)) marks[k] = t;
  };
  const draws: Draw[] = [];
  const longTasks: { start: number; duration: number }[] = [];
  let completeAt: Draw | null = null;

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });

  // Media events do not bubble, but a capturing listener on the document still sees them.
  document.addEventListener(
    "loadedmetadata",
    (e) => {
      const v = e.target;
      if (!(v instanceof HTMLVideoElement)) return;
      mark("metadata");
      v.requestVideoFrameCallback((_now, meta) => mark("firstFrame", meta.expectedDisplayTime));
    },
    true,
  );
  document.addEventListener(
    "loadeddata",
    (e) => e.target instanceof HTMLVideoElement && mark("loadeddata"),
    true,
  );

  const timeline = () => document.querySelector<HTMLElement>("[data-testid=timeline]");
  new MutationObserver(() => {
    if (!("room" in marks) && document.querySelector("[data-testid=review-room]")) mark("room");
    if (!("videoElement" in marks) && document.querySelector("video")) mark("videoElement");
    const tl = timeline();
    const n = Number(tl?.dataset.draws ?? 0);
    if (tl && n > draws.length) {
      draws.push({
        t: performance.now(),
        layers: (tl.dataset.drawn ?? "").split(" "),
        points: Number(tl.dataset.points),
      });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-draws"] });

  const afterPaint = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))),
    );

  const probe: PageProbe = {
    pending: null,

    complete(want) {
      completeAt ??=
        draws.find((d) => want.layers.every((l) => d.layers.includes(l)) && d.points >= want.points) ?? null;
      return Boolean(completeAt && "room" in marks && ("firstFrame" in marks || "loadeddata" in marks));
    },

    loadSummary() {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      const api = resources.find((r) => /^\/api\/videos\/[^/]+\/review$/.test(new URL(r.name).pathname));
      const js = resources.filter((r) => r.initiatorType === "script");
      const kb = (b: number) => Math.round(b / 102.4) / 10;
      return {
        ttfbMs: nav.responseStart,
        fcpMs: fcp?.startTime ?? null,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        scripts: {
          count: js.length,
          transferKB: kb(js.reduce((n, r) => n + r.transferSize, 0)),
          lastEndMs: Math.max(0, ...js.map((r) => r.responseEnd)),
        },
        reviewApi: api
          ? {
              startMs: api.startTime,
              ms: api.responseEnd - api.startTime,
              transferKB: kb(api.transferSize),
              bodyKB: kb(api.decodedBodySize),
            }
          : null,
        roomMs: marks.room!,
        playerCreatedMs: marks.videoElement!,
        playerLoadStartMs: Math.min(
          ...resources.filter((r) => r.initiatorType === "video").map((r) => r.startTime),
        ),
        playerMetadataMs: marks.metadata!,
        playerReadyMs: marks.firstFrame ?? marks.loadeddata!,
        firstFrameMs: marks.firstFrame ?? null,
        timelineFirstDrawMs: draws[0]?.t ?? Number.NaN,
        timelineCompleteMs: completeAt?.t ?? Number.NaN,
        timelineDraws: draws.length,
        fetches: resources
          .filter((r) => r.initiatorType !== "script" && r.initiatorType !== "link")
          .map((r) => ({
            path: new URL(r.name).pathname.replace(/^\/(matchcut\/)?videos\/[^/]+\//, "…/"),
            startMs: Math.round(r.startTime),
            endMs: Math.round(r.responseEnd),
            transferKB: kb(r.transferSize),
          })),
        longTasks: {
          count: longTasks.length,
          totalMs: Math.round(longTasks.reduce((s, l) => s + l.duration, 0)),
          maxMs: Math.round(Math.max(0, ...longTasks.map((l) => l.duration))),
          each: longTasks.map((l) => [Math.round(l.start), Math.round(l.duration)]),
        },
      };
    },

    arm(kind, tolerance) {
      const v = document.querySelector("video")!;
      probe.pending = new Promise<Timed>((resolve) => {
        let t0 = Number.NaN;
        let target = Number.NaN;
        let seekedAt = Number.NaN;
        let paintedAt = Number.NaN;
        let frame: { at: number; mediaTime: number } | null = null;
        let done = false;
        const finish = (via: Timed["via"]) => {
          if (done) return;
          done = true;
          const at = via === "frame-callback" ? frame!.at : paintedAt;
          const mediaTime = frame?.mediaTime ?? Number.NaN;
          resolve({
            firstFrameMs: at - t0,
            seekedMs: seekedAt - t0,
            // The frame on screen at `target` starts at or just before it.
            ok:
              via === "frame-callback"
                ? target - mediaTime > -tolerance / 3 && target - mediaTime < tolerance
                : true,
            target,
            mediaTime,
            via,
          });
        };
        setTimeout(() => finish("timeout"), 10_000);
        document.addEventListener(kind, (e) => (t0 = e.timeStamp), { capture: true, once: true });
        v.addEventListener(
          "seeking",
          () => {
            target = v.currentTime;
            let tries = 0;
            const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
              const near = Math.abs(target - meta.mediaTime) < tolerance;
              if (!near && ++tries < 5) return void v.requestVideoFrameCallback(onFrame);
              frame = { at: meta.expectedDisplayTime, mediaTime: meta.mediaTime };
              if (!Number.isNaN(seekedAt)) finish("frame-callback");
            };
            v.requestVideoFrameCallback(onFrame);
          },
          { once: true },
        );
        v.addEventListener(
          "seeked",
          () => {
            seekedAt = performance.now();
            if (frame) return finish("frame-callback");
            // Chromium now and then presents a seeked-to frame of a paused video without calling the
            // frame callback; then the next paint after 'seeked' stands in for it (counted apart).
            void afterPaint().then((t) => {
              paintedAt = t;
              setTimeout(() => finish(frame ? "frame-callback" : "seeked+paint"), 500);
            });
          },
          { once: true },
        );
      });
    },

    armRedraw() {
      const tl = timeline()!;
      const before = Number(tl.dataset.draws ?? 0);
      probe.pending = new Promise((resolve) => {
        let t0 = Number.NaN;
        const timer = setTimeout(() => (mo.disconnect(), resolve(null)), 5000);
        document.addEventListener("wheel", (e) => (t0 = e.timeStamp), { capture: true, once: true });
        const mo = new MutationObserver(() => {
          if (Number(tl.dataset.draws) === before) return;
          mo.disconnect();
          clearTimeout(timer);
          const drawMs = Number(tl.dataset.drawMs);
          void afterPaint().then((t) => resolve({ toPaintMs: t - t0, drawMs }));
        });
        mo.observe(tl, { attributes: true, attributeFilter: ["data-draws"] });
      });
    },

    snapshot() {
      const v = document.querySelector("video")!;
      const q = v.getVideoPlaybackQuality();
      return {
        currentTime: v.currentTime,
        draws: Number(timeline()?.dataset.draws ?? 0),
        longTasks: longTasks.length,
        dropped: q.droppedVideoFrames,
        frames: q.totalVideoFrames,
      };
    },
  };
  window.__mc = probe;
}
