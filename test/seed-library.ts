// Seeds what the editor's-day e2e (e2e/editor-day.spec.ts) photographs: 30 videos in several states
// (one real, playable clip with scores and highlights; one with penalty and goal highlights; failed ones;
// one being analysed) and two live sources (one ended with a timeline, one failed). Prints the ids as
// one JSON line.
// Run by the spec with `npx tsx test/seed-library.ts` against the test app's database and bucket.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { db, disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { frameSpan } from "@/lib/highlights/frame-span";
import { keys, putObject } from "@/lib/platform/storage";
import { ffmpegMake, sharedClip } from "./match";
import { analysisLifecycle } from "@/lib/analysis/lifecycle";
import { clipLifecycle } from "@/lib/clips/lifecycle";
import { liveLifecycle } from "@/lib/live/lifecycle";
import { videoLifecycle } from "@/lib/videos/lifecycle";

const CLIP = sharedClip("clips/penalty/wc2022-bra-cro/tiago_bra-cro-wc2022-8.mp4");
const TEAMS = ["Ajax", "Benfica", "Celtic", "Dortmund", "Everton", "Fiorentina", "Galatasaray", "Hajduk"];

async function main() {
  const admin = await db().user.findUniqueOrThrow({ where: { email: env().ADMIN_EMAIL } });
  const tmp = await mkdtemp(path.join(tmpdir(), "seed-library-"));
  const jpg = path.join(tmp, "poster.jpg");
  await ffmpegMake(["-ss", "3", "-i", CLIP, "-frames:v", "1", "-vf", "scale=320:-2", jpg]);
  const poster = new Uint8Array(await readFile(jpg));
  // The real clip's highlight (0.75–6.25 s at 25 fps: frames 19–156) with its clip already cut, under
  // a key that names those frames, as the cutter stores it.
  const realSpan = frameSpan(0.75, 6.25, 25, 7);
  const cut = path.join(tmp, "clip.mp4");
  await ffmpegMake([
    "-ss",
    String(realSpan.startFrame / 25),
    "-i",
    CLIP,
    "-frames:v",
    String(realSpan.frames),
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-c:a",
    "aac",
    "-shortest",
    cut,
  ]);
  const clipBytes = new Uint8Array(await readFile(cut));
  await rm(tmp, { recursive: true, force: true });
  const tag = randomUUID().slice(0, 4);
  const base = Date.now() - 30 * 3600_000;
  const out = {
    tag,
    readyId: "",
    failedId: "",
    analysisFailedId: "",
    twoLabelsId: "",
    liveId: "",
    liveFailedId: "",
  };

  for (let i = 0; i < 30; i++) {
    const id = randomUUID();
    const kind =
      i === 0
        ? "real"
        : i === 1
          ? "unreadable"
          : i === 2
            ? "analysis-failed"
            : i === 3
              ? "processing"
              : "ready";
    const title =
      kind === "real"
        ? `${tag} Brazil v Croatia, shoot-out`
        : `${tag} ${TEAMS[i % 8]} v ${TEAMS[(i * 3 + 1) % 8]} ${kind === "unreadable" ? "(team sheet)" : `round ${i}`}`;
    const twoLabels = i === 5;
    const sourceKey = keys.source(id, "mp4");
    // The rooms the spec opens play their source: the real clip stands in for a whole match.
    if (kind === "real" || kind === "analysis-failed" || twoLabels)
      await putObject(sourceKey, new Uint8Array(await readFile(CLIP)), "video/mp4");
    const probed = kind !== "unreadable";
    if (probed) await putObject(keys.poster(id), poster, "image/jpeg");
    await db().video.create({
      data: {
        id,
        ownerId: admin.id,
        title,
        originalName: `${title}.mp4`,
        sourceKey,
        size: BigInt(kind === "real" ? 3_000_000 : 2_500_000_000),
        ...videoLifecycle.seed(
          kind === "unreadable" || kind === "analysis-failed"
            ? "failed"
            : kind === "processing"
              ? "processing"
              : "ready",
        ),
        stage: kind === "processing" ? "analyzing" : null,
        progress: kind === "processing" ? 0.42 : 0,
        etaSeconds: kind === "processing" ? 380 : null,
        error:
          kind === "unreadable"
            ? "not a video file ffmpeg can read"
            : kind === "analysis-failed"
              ? "analysis failed: inference thread exited (code 1)"
              : null,
        durationS: !probed ? null : kind === "real" ? 7 : 5400,
        fps: probed ? 25 : null,
        width: probed ? 1920 : null,
        height: probed ? 1080 : null,
        videoCodec: probed ? "h264" : null,
        posterKey: probed ? keys.poster(id) : null,
        createdAt: new Date(base + i * 3600_000),
      },
    });
    if (kind === "real") out.readyId = id;
    if (kind === "unreadable") out.failedId = id;
    if (kind === "analysis-failed") out.analysisFailedId = id;
    // A taught label beside penalty (issue #14): the downloads panel offers a label choice.
    if (twoLabels) out.twoLabelsId = id;
    if (kind !== "ready" && kind !== "real") continue;

    // A current analysis with scores (the real clip: high around the kick) and highlights with posters.
    const analysisId = randomUUID();
    const n = kind === "real" ? 14 : 0;
    const scoresKey = n ? keys.scores(id, analysisId) : null;
    if (scoresKey) {
      const windows = Array.from({ length: n }, (_, k) => k);
      const penalty = windows.map((k) => (k >= 3 && k <= 11 ? 0.95 : 0.05));
      const file = {
        version: 1,
        labels: ["background", "penalty"],
        rate: 2,
        windowFrames: 1,
        strideFrames: 1,
        windows,
        scores: { background: penalty.map((p) => 1 - p), penalty },
      };
      await putObject(scoresKey, new TextEncoder().encode(JSON.stringify(file)), "application/json");
    }
    await db().analysis.create({
      data: {
        id: analysisId,
        videoId: id,
        modelId: "penalty-lstm",
        modelVersion: "seed",
        ...analysisLifecycle.seed("complete"),
        current: true,
        scoresKey,
      },
    });
    const count = kind === "real" ? 1 : i % 6;
    for (let k = 0; k < count; k++) {
      const hid = randomUUID();
      const posterKey = `videos/${id}/clips/${hid}.jpg`;
      await putObject(posterKey, poster, "image/jpeg");
      const clipKey = kind === "real" ? keys.clipCut(id, hid, 0, "seed", realSpan) : null;
      if (clipKey) await putObject(clipKey, clipBytes, "video/mp4");
      await db().highlight.create({
        data: {
          id: hid,
          videoId: id,
          analysisId,
          label: twoLabels && k % 2 === 1 ? "goal" : "penalty",
          startS: kind === "real" ? 0.75 : 300 + k * 420,
          endS: kind === "real" ? 6.25 : 312.5 + k * 420,
          peak: 0.62 + ((i * 7 + k * 13) % 37) / 100,
          mean: 0.6,
          // the real clip's highlight stays a suggestion: the spec trims it and undoes the trim
          status: kind !== "real" && k === 0 && i % 3 === 0 ? "accepted" : "suggested",
          posterKey,
          ...(clipKey ? { clipKey, clipRevision: 0, ...clipLifecycle.seed("ready") } : {}),
        },
      });
    }
  }

  // Live: one ended source with a short timeline and a detection, one that failed.
  const grid = { labels: ["background", "penalty"], rate: 2, windowFrames: 8, strideFrames: 1 };
  const segments = {
    penalty: { enter: 0.6, exit: 0.4, minLengthS: 1, mergeGapS: 2, preRollS: 1, postRollS: 1 },
  };
  const live = await db().liveSource.create({
    data: {
      ownerId: admin.id,
      title: `${tag} Cup final (live)`,
      url: "https://streams.example.org/cup-final/index.m3u8",
      ...liveLifecycle.seed("ended"),
      streamTimeS: 60,
      targetDurationS: 10,
      params: { grid, segments },
      endedAt: new Date(),
    },
  });
  for (let s = 0; s < 6; s++) {
    const windows = Array.from({ length: 20 }, (_, k) => s * 20 + k);
    const penalty = windows.map((w) => (w >= 60 && w < 76 ? 0.92 : 0.05 + (w % 7) / 40));
    await db().liveSegment.create({
      data: {
        liveSourceId: live.id,
        epoch: 0,
        seq: BigInt(s),
        status: s === 4 ? "gap" : "recorded",
        uri: `seg${s}.ts`,
        startS: s * 10,
        durationS: 10,
        firstFrame: s * 20,
        frameCount: 20,
        error: s === 4 ? "HTTP 404" : null,
        scores: s === 4 ? undefined : { windows, scores: { background: penalty.map((p) => 1 - p), penalty } },
        seenAt: new Date(),
      },
    });
  }
  await db().liveHighlight.create({
    data: {
      liveSourceId: live.id,
      label: "penalty",
      startS: 29,
      endS: 41,
      peak: 0.92,
      mean: 0.9,
      clipStatus: "failed",
      clipError: "no recorded footage covers this highlight",
    },
  });
  const failedLive = await db().liveSource.create({
    data: {
      ownerId: admin.id,
      title: `${tag} Friendly (expired link)`,
      url: "https://streams.example.org/friendly/index.m3u8?token=expired",
      ...liveLifecycle.seed("failed"),
      error: "https://streams.example.org/friendly/index.m3u8: HTTP 403",
      endedAt: new Date(),
    },
  });
  out.liveId = live.id;
  out.liveFailedId = failedLive.id;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

try {
  await main();
} finally {
  await disconnectDb();
}
